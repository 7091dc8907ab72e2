using Orleans.Core.Internal;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Orders that do not fill on their arrival quote rest at the paper broker and are worked against the
/// symbol's later ticks, through the real instrument grain. Each test has a symbol of its own: a resting
/// order would otherwise meet another test's quotes.
/// </summary>
[Collection(ClusterCollection.Name)]
public class RestingOrderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task BuyLimitBelowTheMarket_FillsWhenTheAskReachesIt_AndMovesTheAccount()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);
        var placed = (await kit.Account.PlaceOrderAsync(Limit("lim-1", TradeSide.Buy, 1m, 1.29900m, "GBPUSD"))).Order!;
        Assert.Equal(OrderState.Accepted, placed.State);

        await kit.QuoteAsync("GBPUSD", 1.29900m, 1.29920m); // ask still above the limit
        await kit.QuoteAsync("GBPUSD", 1.29870m, 1.29890m); // ask through it: fills at the better ask

        var filled = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Filled);
        Assert.Equal((1m, 1.29890m), (filled.FilledQuantity, filled.AverageFillPrice));
        Assert.Equal(Actor.Venue, filled.Audit[^1].By);
        var account = await kit.WaitForAccountAsync(a => a.Positions.Count == 1);
        Assert.Equal(("GBPUSD", TradeSide.Buy, 1m, 1.29890m), (account.Positions[0].Symbol, account.Positions[0].Side, account.Positions[0].Quantity, account.Positions[0].AveragePrice));
        Assert.Empty(account.OpenOrders);
        Assert.Equal(filled.Audit.Count, await kit.JournalEntriesAsync(placed.OrderId)); // every change journaled
    }

    [Fact]
    public async Task OrderLargerThanTheDepth_FillsInParts_TheRestOnTheNextTick()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);

        var placed = (await kit.Account.PlaceOrderAsync(Market("big-1", TradeSide.Buy, 6m, "GBPUSD"))).Order!; // the cluster's depth: 5 lots a quote
        Assert.Equal((OrderState.PartiallyFilled, 5m), (placed.State, placed.FilledQuantity));
        Assert.Equal(["big-1"], (await kit.Account.GetAsync())!.OpenOrders);
        await kit.QuoteAsync("GBPUSD", 1.30010m, 1.30030m);

        var filled = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Filled);
        Assert.Equal([(5m, 1.30020m), (1m, 1.30030m)], filled.Fills.Select(f => (f.Quantity, f.Price)));
        var account = await kit.WaitForAccountAsync(a => a.OpenOrders.Count == 0);
        Assert.Equal(6m, Assert.Single(account.Positions).Quantity);
        Assert.Equal((5m * 1.30020m + 1m * 1.30030m) / 6m, account.Positions[0].AveragePrice);
    }

    [Fact]
    public async Task SellStop_TriggersWhenTheBidFallsToIt_AndFillsAtTheBid()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("AUDUSD", 0.70000m, 0.70020m);
        var stop = new PlaceOrder("stop-1", "AUDUSD", TradeSide.Sell, 0.5m, Alice, TradeOrderType.Stop, TriggerPrice: 0.69900m);
        var placed = (await kit.Account.PlaceOrderAsync(stop)).Order!;
        Assert.Equal(OrderState.Accepted, placed.State);

        await kit.QuoteAsync("AUDUSD", 0.69950m, 0.69970m);
        Assert.Equal(OrderState.Accepted, (await kit.OrderAsync(placed.OrderId)).State);
        await kit.QuoteAsync("AUDUSD", 0.69890m, 0.69910m);

        var filled = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Filled);
        Assert.Equal(["triggered", "filled"], filled.Audit.TakeLast(2).Select(a => a.Event));
        Assert.Equal(0.69890m, filled.AverageFillPrice);
        var account = await kit.WaitForAccountAsync(a => a.Positions.Count == 1);
        Assert.Equal((TradeSide.Sell, 0.5m), (account.Positions[0].Side, account.Positions[0].Quantity));
    }

    [Fact]
    public async Task GtdLimit_ExpiresOnTheFirstQuoteAfterItsExpiry()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("USDCHF", 0.90000m, 0.90020m);
        var expiry = DateTimeOffset.UtcNow.AddMilliseconds(600);
        var gtd = Limit("gtd-1", TradeSide.Buy, 1m, 0.89000m, "USDCHF") with { TimeInForce = TradeTimeInForce.Gtd, ExpireAt = expiry };
        var placed = (await kit.Account.PlaceOrderAsync(gtd)).Order!;
        Assert.Equal(OrderState.Accepted, placed.State);

        await kit.QuoteAsync("USDCHF", 0.90010m, 0.90030m);
        Assert.Equal(OrderState.Accepted, (await kit.OrderAsync(placed.OrderId)).State);
        await Task.Delay(expiry - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        await kit.QuoteAsync("USDCHF", 0.90000m, 0.90020m);

        var expired = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Expired);
        Assert.Equal("expired", expired.Audit[^1].Event);
        Assert.Empty((await kit.WaitForAccountAsync(a => a.OpenOrders.Count == 0)).Positions);
    }

    [Fact]
    public async Task CanceledRestingOrder_LeavesTheBook_AndALaterTouchFillsNothing()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("USDCAD", 1.35000m, 1.35020m);
        var placed = (await kit.Account.PlaceOrderAsync(Limit("c-1", TradeSide.Buy, 1m, 1.34900m, "USDCAD"))).Order!;
        var book = kit.Grains.GetGrain<IPaperBookGrain>("USDCAD");
        Assert.Contains(placed.OrderId, await book.GetRestingAsync());

        var canceled = await kit.Account.CancelOrderAsync("c-1", Alice);
        await kit.QuoteAsync("USDCAD", 1.34800m, 1.34820m);
        await Task.Delay(200); // time enough for a fill to be reported, were one made

        Assert.Equal(OrderState.Canceled, canceled.Order!.State);
        Assert.DoesNotContain(placed.OrderId, await book.GetRestingAsync());
        Assert.Equal(OrderState.Canceled, (await kit.OrderAsync(placed.OrderId)).State);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal((0, 0), (account.Positions.Count, account.OpenOrders.Count));
    }

    [Fact]
    public async Task CancelOfARestingOrderThatHasSinceFilled_IsRefusedAsClosed_AndKeepsTheFill()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("USDCAD", 1.35000m, 1.35020m);
        var placed = (await kit.Account.PlaceOrderAsync(Limit("cf-1", TradeSide.Buy, 1m, 1.34950m, "USDCAD"))).Order!;
        await kit.QuoteAsync("USDCAD", 1.34930m, 1.34950m);
        var filled = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Filled);
        Assert.Equal(OrderState.Filled, filled.State);

        var outcome = await kit.Account.CancelOrderAsync("cf-1", Alice);

        Assert.Equal("OrderClosed", outcome.RefusalCode);
        Assert.Equivalent(filled, outcome.Order, strict: true);
        Assert.Equal(1m, Assert.Single((await kit.WaitForAccountAsync(a => a.Positions.Count == 1)).Positions).Quantity);
    }

    [Fact]
    public async Task RestingOrder_SurvivesANewActivationOfThePaperBook()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("AUDUSD", 0.70000m, 0.70020m);
        var placed = (await kit.Account.PlaceOrderAsync(Limit("re-1", TradeSide.Buy, 1m, 0.69900m, "AUDUSD"))).Order!;
        var book = kit.Grains.GetGrain<IPaperBookGrain>("AUDUSD");

        await book.AsReference<IGrainManagementExtension>().DeactivateOnIdle(); // as when its silo stops
        await Task.Delay(200);
        await kit.QuoteAsync("AUDUSD", 0.69880m, 0.69890m);

        var filled = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Filled);
        Assert.Equal((OrderState.Filled, 0.69890m), (filled.State, filled.AverageFillPrice));
    }

    [Fact]
    public async Task RestingOrder_IsWorkedAgain_WhenTheBookAndItsTickFeedBothLostTheirActivations()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("USDCHF", 0.90000m, 0.90020m);
        var outcome = await kit.Account.PlaceOrderAsync(Limit("wake-1", TradeSide.Buy, 1m, 0.89900m, "USDCHF"));
        Assert.True(outcome.Order is { State: OrderState.Accepted }, $"{outcome.RefusalCode}: {outcome.Message}");
        var placed = outcome.Order!;

        // As when their silo stops: the book's activation and the instrument's in-memory tick subscribers are gone,
        // and no order or quote calls the book any more.
        await kit.Grains.GetGrain<IPaperBookGrain>("USDCHF").AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.Grains.GetGrain<Abstractions.MarketData.IInstrumentGrain>("USDCHF").AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        var order = await kit.OrderAsync(placed.OrderId);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); order.State != OrderState.Filled && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            await kit.QuoteAsync("USDCHF", 0.89880m, 0.89890m); // the market keeps trading through the limit
            order = await kit.OrderAsync(placed.OrderId);
        }

        Assert.Equal((OrderState.Filled, 0.89890m), (order.State, order.AverageFillPrice));
        Assert.Contains("USDCHF", (await kit.WaitForAccountAsync(a => a.Positions.Count == 1)).Positions.Select(p => p.Symbol));
    }
}
