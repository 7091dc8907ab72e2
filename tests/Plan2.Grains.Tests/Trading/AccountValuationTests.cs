using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// An account is valued at the quotes of now, not at those it saw when it last placed an order in each symbol:
/// what /positions, the daily summary and the API show.
/// </summary>
[Collection(ClusterCollection.Name)]
public class AccountValuationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetAccount_ValuesOpenPositionsAtTheCurrentQuote()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("AUDUSD", 0.66000m, 0.66010m);
        await kit.Account.PlaceOrderAsync(Market("v-buy", TradeSide.Buy, 1m, "AUDUSD") with { StrategyId = "trend" });
        await kit.QuoteAsync("AUDUSD", 0.66110m, 0.66120m); // no order since: the account has not seen it

        var account = (await kit.Account.GetAsync())!;

        // 1 lot × 100,000 × (0.66110 bid − 0.66010 entry) = 100.00; exposure 100,000 × mid 0.66115.
        Assert.Equal((100.00m, 66_115m), (account.UnrealizedPnl, account.GrossExposure));
        Assert.Equal(100.00m, Assert.Single(account.Strategies).UnrealizedPnl);
    }
}
