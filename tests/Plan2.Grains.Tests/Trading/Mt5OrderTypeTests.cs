using Plan2.Abstractions.Trading;
using Plan2.MarketData.Bridge;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Stop-limit orders, time in force (DAY, GTD, IOC, FOK) and each deal's commission, fee and swap over the MT5 route
/// (protocol v4, the twin as terminal over loopback): what reaches the terminal, and how the order and account follow it.
/// </summary>
[Collection(Mt5ClusterCollection.Name)]
public class Mt5OrderTypeTests(Mt5ClusterFixture fixture)
{
    [Fact]
    public async Task StopLimit_RestsAtTheTerminal_Triggers_ThenFills()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Rest;

        var placed = await kit.Account.PlaceOrderAsync(new PlaceOrder("s1", "EURUSD", TradeSide.Buy, 1m, Alice, TradeOrderType.StopLimit,
            LimitPrice: 1.10030m, TriggerPrice: 1.10020m));

        Assert.Equal(OrderState.Accepted, placed.Order!.State);
        var held = kit.Twin.Held("s1")!;
        Assert.Equal((BridgeOrderType.StopLimit, 1.1002, 1.1003), (held.OrderType, held.Price.ToDouble(), held.StopLimitPrice.ToDouble()));
        await kit.Terminal.SendOrderEventAsync(kit.Twin.Trigger("s1"), CancellationToken.None);
        await kit.OrderInStateAsync("s1", OrderState.Triggered);
        await kit.Terminal.SendFillAsync(kit.Twin.Fill("s1", 1m, 1.1003), CancellationToken.None);

        var filled = await kit.OrderInStateAsync("s1", OrderState.Filled);
        Assert.Equal(1.1003m, filled.AverageFillPrice);
        Assert.Equal(["accepted", "triggered", "filled"], filled.Audit.Skip(2).Select(a => a.Event));
    }

    [Fact]
    public async Task IocMarketOrder_FillsWhatTheTerminalHas_AndTheRestIsCanceled()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Depth = 0.4m;

        await kit.Account.PlaceOrderAsync(new PlaceOrder("i1", "EURUSD", TradeSide.Buy, 1m, Alice, TimeInForce: TradeTimeInForce.Ioc));

        var canceled = await kit.OrderInStateAsync("i1", OrderState.Canceled);
        Assert.Equal(0.4m, canceled.FilledQuantity);
        Assert.Equal(["accepted", "filled", "canceled"], canceled.Audit.Skip(2).Select(a => a.Event));
        Assert.Contains("immediate or cancel", canceled.Audit[^1].Cause);
        Assert.Equal(BridgeTimeInForce.Ioc, kit.Twin.Received.Single(o => o.ClientOrderId == "i1").TimeInForce);
        Assert.Equal(0.4, Assert.Single(kit.Twin.Deals).Volume);
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal(0.4m, account!.Positions[0].Quantity);
        Assert.Empty(account.OpenOrders);
    }

    [Fact]
    public async Task FokMarketOrder_NotFillableInFull_IsRejectedByTheTerminal_AndBooksNothing()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Depth = 0.4m;

        var outcome = await kit.Account.PlaceOrderAsync(new PlaceOrder("f1", "EURUSD", TradeSide.Buy, 1m, Alice, TimeInForce: TradeTimeInForce.Fok));

        Assert.Equal(OrderState.Rejected, outcome.Order!.State);
        Assert.StartsWith($"MT5 retcode {Mt5Retcode.Reject}: fill or kill", outcome.Order.LastReason);
        Assert.Empty(kit.Twin.Deals);
        Assert.Empty((await kit.Account.GetAsync())!.Positions);
    }

    [Fact]
    public async Task IocOnARestingOrder_IsRefusedWithItsReason_NothingSent()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);

        var outcome = await kit.Account.PlaceOrderAsync(new PlaceOrder("i2", "EURUSD", TradeSide.Buy, 1m, Alice, TradeOrderType.Limit, LimitPrice: 1.0999m,
            TimeInForce: TradeTimeInForce.Ioc));

        Assert.Equal(OrderState.Rejected, outcome.Order!.State);
        Assert.Contains("IOC and FOK on market orders only", outcome.Order.LastReason);
        Assert.Null(kit.Twin.Held("i2"));
    }

    [Fact]
    public async Task GtdOrder_CarriesItsExpiryToTheTerminal_AndExpiresThere()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Rest;
        var expireAt = DateTimeOffset.UtcNow.AddHours(3);
        expireAt = DateTimeOffset.FromUnixTimeMilliseconds(expireAt.ToUnixTimeMilliseconds());

        await kit.Account.PlaceOrderAsync(new PlaceOrder("g1", "EURUSD", TradeSide.Buy, 1m, Alice, TradeOrderType.Limit, LimitPrice: 1.0999m,
            TimeInForce: TradeTimeInForce.Gtd, ExpireAt: expireAt));
        var held = kit.Twin.Held("g1")!;
        Assert.Equal((BridgeTimeInForce.Gtd, expireAt.ToUnixTimeMilliseconds()), (held.TimeInForce, held.ExpirationMs));
        await kit.Terminal.SendOrderEventAsync(kit.Twin.Expire("g1"), CancellationToken.None);

        var expired = await kit.OrderInStateAsync("g1", OrderState.Expired);
        Assert.Equal("expired at the terminal: its GTD expiry", expired.Audit[^1].Cause);
        Assert.Empty((await kit.Account.GetAsync())!.OpenOrders);
    }

    [Fact]
    public async Task DayOrder_IsPlacedAsDayAtTheTerminal_AndExpiresThere_AfterAPartialFill()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Rest;

        await kit.Account.PlaceOrderAsync(new PlaceOrder("d1", "EURUSD", TradeSide.Sell, 1m, Alice, TradeOrderType.Limit, LimitPrice: 1.1001m,
            TimeInForce: TradeTimeInForce.Day));
        Assert.Equal((BridgeTimeInForce.Day, 0L), (kit.Twin.Held("d1")!.TimeInForce, kit.Twin.Held("d1")!.ExpirationMs));
        await kit.Terminal.SendFillAsync(kit.Twin.Fill("d1", 0.3m, 1.1001), CancellationToken.None);
        await kit.Terminal.SendOrderEventAsync(kit.Twin.Expire("d1"), CancellationToken.None);

        var expired = await kit.OrderInStateAsync("d1", OrderState.Expired);
        Assert.Equal(0.3m, expired.FilledQuantity);
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal((TradeSide.Sell, 0.3m), (account!.Positions[0].Side, account.Positions[0].Quantity));
    }

    [Fact]
    public async Task DealCommissionFeeAndSwap_FromTheTerminal_ReduceRealisedPnl_Exactly()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.CommissionPerLot = 3.5m;   // DEAL_COMMISSION -3.50 per lot
        kit.Twin.FeePerDeal = 0.25m;        // DEAL_FEE -0.25
        kit.Twin.SwapOnClose = -1.37m;      // DEAL_SWAP on the closing deal

        kit.Twin.MarketPrice = 1.1;
        await kit.Account.PlaceOrderAsync(Market("o1", TradeSide.Buy, 2m));
        await kit.OrderInStateAsync("o1", OrderState.Filled);
        kit.Twin.MarketPrice = 1.1012;
        await kit.Account.PlaceOrderAsync(Market("o2", TradeSide.Sell, 2m));
        var closed = await kit.OrderInStateAsync("o2", OrderState.Filled);

        var fill = Assert.Single(closed.Fills);
        Assert.Equal((7.25m, -1.37m), (fill.Commission, fill.Swap));
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 0 && a.Commission == 14.5m, "the round trip");
        // 2 lots × 100,000 × (1.1012 − 1.1000) = 240.00 realised; commission and fees 2 × 7.25; swap −1.37.
        Assert.Equal((240m, 14.5m, -1.37m), (account!.RealizedPnl, account.Commission, account.Swap));
        Assert.Equal(100_000m + 240m - 14.5m - 1.37m, account.Cash);
    }

    [Fact]
    public async Task CommissionRebate_FromTheTerminal_IsBookedAsACredit_IntoRealisedPnl_Exactly()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.CommissionPerLot = -1.2m;  // DEAL_COMMISSION +1.20 per lot: the broker pays a rebate
        kit.Twin.FeePerDeal = 0.25m;        // DEAL_FEE -0.25: the deal nets a credit of 2.15

        kit.Twin.MarketPrice = 1.1;
        await kit.Account.PlaceOrderAsync(Market("r1", TradeSide.Buy, 2m));
        await kit.OrderInStateAsync("r1", OrderState.Filled);
        kit.Twin.MarketPrice = 1.1012;
        await kit.Account.PlaceOrderAsync(Market("r2", TradeSide.Sell, 2m));
        var closed = await kit.OrderInStateAsync("r2", OrderState.Filled);

        Assert.Equal(-2.15m, Assert.Single(closed.Fills).Commission);
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 0, "the round trip");
        // 240.00 realised on the price; the two deals' credits, 2 × 2.15, are added to it, not dropped.
        Assert.Equal((240m, -4.30m), (account!.RealizedPnl, account.Commission));
        Assert.Equal(100_000m + 240m + 4.30m, account.Cash);
    }
}
