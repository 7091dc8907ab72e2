using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Bad input and illegal moves get a clear refusal and change nothing: no order, no audit entry, no position.</summary>
[Collection(ClusterCollection.Name)]
public class OrderRefusalTests(ClusterFixture fixture)
{
    private async Task<TradingTestKit> NewAccountAsync(AccountLimits? limits = null)
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync(limits: limits);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        return kit;
    }

    public static TheoryData<string, PlaceOrder> Malformed => new()
    {
        { "UnknownSymbol", Market("x1", TradeSide.Buy, 1m, symbol: "XXXYYY") },
        { "NonPositiveQuantity", Market("x2", TradeSide.Buy, 0m) },
        { "NonPositiveQuantity", Market("x3", TradeSide.Sell, -1m) },
        { "QuantityOffLotStep", Market("x4", TradeSide.Buy, 0.015m) },
        { "PriceOffTick", Limit("x5", TradeSide.Buy, 1m, 1.100005m) },
        { "MissingPrice", Market("x6", TradeSide.Buy, 1m) with { Type = TradeOrderType.Limit } },
        { "MissingIdentity", Market("bad id/with slash", TradeSide.Buy, 1m) },
        { "PriceOffTick", new PlaceOrder("x7", "EURUSD", TradeSide.Sell, 1m, Alice, TradeOrderType.Stop, TriggerPrice: 1.0950001m) },
        { "NonPositivePrice", Limit("x8", TradeSide.Buy, 1m, -1.09500m) },
        { "ExpireTimeNotInFuture", Limit("x9", TradeSide.Buy, 1m, 1.09500m) with { TimeInForce = TradeTimeInForce.Gtd, ExpireAt = DateTimeOffset.UtcNow.AddMinutes(-1) } },
    };

    [Theory, MemberData(nameof(Malformed))]
    public async Task MalformedOrder_IsRefusedWithItsReason_AndNothingIsRecorded(string code, PlaceOrder order)
    {
        var kit = await NewAccountAsync();

        var outcome = await kit.Account.PlaceOrderAsync(order);

        Assert.Equal(code, outcome.RefusalCode);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
        Assert.Null(outcome.Order);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal((0, 0), (account.OrdersPlaced, account.Positions.Count));
    }

    [Fact]
    public async Task CancelOfAFilledOrder_IsRefused_AndTheOrderIsUnchanged()
    {
        var kit = await NewAccountAsync();
        var filled = (await kit.Account.PlaceOrderAsync(Market("f1", TradeSide.Buy, 1m))).Order!;

        var outcome = await kit.Account.CancelOrderAsync("f1", Alice);

        Assert.Equal("OrderClosed", outcome.RefusalCode);
        Assert.Contains("Filled", outcome.Message);
        Assert.Equivalent(filled, outcome.Order, strict: true);
        Assert.Equal(filled.Audit.Count, await kit.JournalEntriesAsync(filled.OrderId));
    }

    [Fact]
    public async Task RestingLimit_CancelsOnce_ThenASecondCancelIsRefused()
    {
        var kit = await NewAccountAsync();
        var resting = (await kit.Account.PlaceOrderAsync(Limit("l1", TradeSide.Buy, 1m, 1.09500m))).Order!;
        Assert.Equal(OrderState.Accepted, resting.State);
        Assert.Equal(["l1"], (await kit.Account.GetAsync())!.OpenOrders);

        var canceled = await kit.Account.CancelOrderAsync("l1", Alice);
        var again = await kit.Account.CancelOrderAsync("l1", Alice);

        Assert.Equal(OrderState.Canceled, canceled.Order!.State);
        Assert.Equal(["cancel-requested", "canceled"], canceled.Order.Audit.TakeLast(2).Select(a => a.Event));
        Assert.Equal("OrderClosed", again.RefusalCode);
        Assert.Equivalent(canceled.Order, again.Order, strict: true);
        Assert.Empty((await kit.Account.GetAsync())!.OpenOrders);
    }

    [Fact]
    public async Task ReplaceThatWouldBreachALimit_IsRefused_AndTheOrderKeepsItsTerms()
    {
        var kit = await NewAccountAsync(new AccountLimits(MaxOrderLots: 2m));
        var resting = (await kit.Account.PlaceOrderAsync(Limit("r1", TradeSide.Buy, 1m, 1.09500m))).Order!;

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("r1", Alice, Quantity: 5m));

        Assert.Equal("MaxOrderSize", outcome.RefusalCode);
        var now = await kit.Grains.GetGrain<IOrderGrain>($"{kit.Tenant}/{resting.OrderId}").GetAsync();
        Assert.Equivalent(resting, now, strict: true);
    }

    [Fact]
    public async Task ReplaceOffTick_IsRefused_AndTheOrderKeepsItsTerms()
    {
        var kit = await NewAccountAsync();
        var resting = (await kit.Account.PlaceOrderAsync(Limit("r2", TradeSide.Buy, 1m, 1.09500m))).Order!;

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("r2", Alice, LimitPrice: 1.095005m));

        Assert.Equal("PriceOffTick", outcome.RefusalCode);
        Assert.Equivalent(resting, outcome.Order, strict: true);
    }

    [Fact]
    public async Task ReplaceWithinLimits_ChangesTheOrder_AndFillsWhenItBecomesMarketable()
    {
        var kit = await NewAccountAsync();
        await kit.Account.PlaceOrderAsync(Limit("r3", TradeSide.Buy, 1m, 1.09500m));

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("r3", Alice, Quantity: 2m, LimitPrice: 1.10020m));

        Assert.False(outcome.IsRefused, outcome.Message);
        Assert.Equal((OrderState.Filled, 2m, 1.10010m), (outcome.Order!.State, outcome.Order.FilledQuantity, outcome.Order.AverageFillPrice));
        Assert.Equal(["update-requested", "updated", "filled"], outcome.Order.Audit.TakeLast(3).Select(a => a.Event));
        Assert.Equal(2m, Assert.Single((await kit.Account.GetAsync())!.Positions).Quantity);
    }

    [Fact]
    public async Task ReplaceOfAFilledOrder_IsRefusedAsClosed()
    {
        var kit = await NewAccountAsync();
        await kit.Account.PlaceOrderAsync(Market("r4", TradeSide.Buy, 1m));

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("r4", Alice, Quantity: 2m));

        Assert.Equal("OrderClosed", outcome.RefusalCode);
    }

    [Fact]
    public async Task OrderOnAnAccountNeverOpened_FailsClearly()
    {
        var account = fixture.Cluster.GrainFactory.GetGrain<IAccountGrain>("t-none/acc-1");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => account.PlaceOrderAsync(Market("n1", TradeSide.Buy, 1m)));

        Assert.Contains("not open", e.Message);
    }

    [Fact]
    public async Task UnknownClientOrderId_CancelIsRefused()
    {
        var kit = await NewAccountAsync();

        Assert.Equal("UnknownOrder", (await kit.Account.CancelOrderAsync("nope", Alice)).RefusalCode);
    }
}
