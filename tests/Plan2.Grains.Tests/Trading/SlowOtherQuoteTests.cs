using Orleans.Core.Internal;
using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Risk values the account's other open positions at their quotes now. On today's main an order waited for every such
/// read, so an instrument still activating (its silo just died) stalled every order of every account holding it; so did
/// the account's reads (its view, its period P&amp;L). Each now waits a bounded time, then uses the last known mark.
/// </summary>
[Collection(ClusterCollection.Name)]
public class SlowOtherQuoteTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnotherPositionsQuoteThatDoesNotAnswer_DoesNotStallTheOrder_ItsLastKnownMarkServes()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.QuoteAsync("GBPUSD", 1.27000m, 1.27010m);
        Assert.Equal(OrderState.Filled, (await kit.Account.PlaceOrderAsync(Market("gbp", TradeSide.Buy, 0.1m, "GBPUSD"))).Order!.State);

        OrderOutcome placed;
        using (HeldQuotes.Hold("GBPUSD"))
        {
            // Not a timing: the held read never answers while held, so without a limit the order would not answer at all.
            placed = await kit.Account.PlaceOrderAsync(Market("eur", TradeSide.Buy, 0.1m)).WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(OrderState.Filled, placed.Order!.State);
        var account = await kit.Account.GetAsync();
        Assert.Equal(2, account!.Positions.Count);
    }

    [Fact]
    public async Task AQuoteThatDoesNotAnswer_DoesNotStallTheAccountsActivation_ItsOrderIsAnswered()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.QuoteAsync("GBPUSD", 1.27000m, 1.27010m);
        Assert.Equal(OrderState.Filled, (await kit.Account.PlaceOrderAsync(Market("gbp", TradeSide.Buy, 0.1m, "GBPUSD"))).Order!.State);
        await kit.Account.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.LeftMemoryAsync(kit.Account.GetGrainId());

        OrderOutcome placed;
        using (HeldQuotes.Hold("GBPUSD"))
        {
            // The order activates the account, which values its GBPUSD position on the way in: a read that never answers while held.
            placed = await kit.Account.PlaceOrderAsync(Market("eur", TradeSide.Buy, 0.1m)).WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(OrderState.Filled, placed.Order!.State);
        Assert.Equal(2, (await kit.Account.GetAsync())!.Positions.Count);
    }

    [Fact]
    public async Task APositionsQuoteThatDoesNotAnswer_DoesNotStallTheAccountRead_ItsLastKnownMarkServes()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.27000m, 1.27010m);
        Assert.Equal(OrderState.Filled, (await kit.Account.PlaceOrderAsync(Market("gbp", TradeSide.Buy, 0.1m, "GBPUSD"))).Order!.State);

        AccountView? account;
        using (HeldQuotes.Hold("GBPUSD"))
        {
            // Not a timing: the held read never answers while held, so without a limit the read would not answer at all.
            account = await kit.Account.GetAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        // Valued at the mark the order saw: 0.1 lot × 100,000 × (1.27000 bid − 1.27010 paid).
        Assert.Equal(-1.00m, account!.UnrealizedPnl);
        Assert.Single(account.Positions);
    }

    [Fact]
    public async Task APositionsQuoteThatDoesNotAnswer_DoesNotStallThePeriodPnl_ItsLastKnownMarkServes()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.27000m, 1.27010m);
        Assert.Equal(OrderState.Filled, (await kit.Account.PlaceOrderAsync(Market("gbp", TradeSide.Buy, 0.1m, "GBPUSD"))).Order!.State);
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

        PeriodPnlView? period;
        using (HeldQuotes.Hold("GBPUSD"))
        {
            period = await kit.Account.GetPeriodPnlAsync(today).WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(-1.00m, period!.UnrealizedNow);
    }
}
