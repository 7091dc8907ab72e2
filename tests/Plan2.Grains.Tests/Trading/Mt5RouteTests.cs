using Plan2.Abstractions.Trading;
using Plan2.MarketData.Bridge;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Orders of an MT5-linked account go out through the real bridge to the twin and come back as results and fills.</summary>
[Collection(Mt5ClusterCollection.Name)]
public class Mt5RouteTests(Mt5ClusterFixture fixture)
{
    [Fact]
    public async Task MarketOrder_AcceptedByTheTerminal_ThenFilledByItsDeal_MovesTheAccountOnce()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);

        var outcome = await kit.Account.PlaceOrderAsync(Market("m1", TradeSide.Buy, 1m));

        Assert.False(outcome.IsRefused, outcome.Message);
        Assert.NotEqual(OrderState.Rejected, outcome.Order!.State);
        var filled = await kit.OrderInStateAsync("m1", OrderState.Filled);
        var deal = Assert.Single(kit.Twin.Deals);
        Assert.Equal(deal.OrderTicket.ToString(), filled.VenueOrderId);
        Assert.Equal(deal.DealTicket.ToString(), Assert.Single(filled.Fills).TradeId);
        Assert.Equal(1.1m, filled.AverageFillPrice);
        Assert.Equal(["placed", "submitted", "accepted", "filled"], filled.Audit.Select(a => a.Event));
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal((1m, 1.1m), (account!.Positions[0].Quantity, account.Positions[0].AveragePrice));
        Assert.Empty(account.OpenOrders);
    }

    [Fact]
    public async Task OrderRejectedByTheTradeServer_IsRejectedWithItsRetcode_AndBooksNothing()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Reject(10019, "No money");

        var outcome = await kit.Account.PlaceOrderAsync(Market("r1", TradeSide.Buy, 1m));

        Assert.Equal(OrderState.Rejected, outcome.Order!.State);
        Assert.Equal("MT5 retcode 10019: No money", outcome.Order.LastReason);
        var account = (await kit.Account.GetAsync())!;
        Assert.Empty(account.Positions);
        Assert.Empty(account.OpenOrders);
        Assert.Empty(kit.Twin.Deals);
    }

    [Fact]
    public async Task OrderFilledInThreeDeals_PassesThroughPartiallyFilled_ToFilled()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.PartialFills(3);

        await kit.Account.PlaceOrderAsync(Market("p1", TradeSide.Sell, 1m));

        var filled = await kit.OrderInStateAsync("p1", OrderState.Filled);
        Assert.Equal([0.33m, 0.33m, 0.34m], filled.Fills.Select(f => f.Quantity));
        Assert.Equal(2, filled.Audit.Count(a => a.To == OrderState.PartiallyFilled));
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal((TradeSide.Sell, 1m), (account!.Positions[0].Side, account.Positions[0].Quantity));
    }

    [Fact]
    public async Task RestingOrder_PartlyFilledLater_IsPartiallyFilledAndStillOpen()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Rest;

        var placed = await kit.Account.PlaceOrderAsync(Limit("l1", TradeSide.Buy, 1m, 1.09990m));
        Assert.Equal(OrderState.Accepted, placed.Order!.State);
        await kit.Terminal.SendFillAsync(kit.Twin.Fill("l1", 0.4m, 1.0999), CancellationToken.None);

        var partial = await kit.OrderInStateAsync("l1", OrderState.PartiallyFilled);
        Assert.Equal(0.4m, partial.FilledQuantity);
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal(0.4m, account!.Positions[0].Quantity);
        Assert.Equal(["l1"], account.OpenOrders);
    }

    [Fact]
    public async Task SameDealReportedTwice_IsBookedOnce_ByItsDealTicket()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Rest;
        await kit.Account.PlaceOrderAsync(Limit("d1", TradeSide.Buy, 1m, 1.09990m));
        var deal = kit.Twin.Fill("d1", 0.4m, 1.0999);
        await kit.Terminal.SendFillAsync(deal, CancellationToken.None);
        await kit.OrderInStateAsync("d1", OrderState.PartiallyFilled);

        await kit.Terminal.SendFillAsync(deal, CancellationToken.None); // the EA sends the same deal again
        // Reports of one terminal are applied in arrival order: once a later order is filled, the resend was handled.
        kit.Twin.Behaviour = TwinOrderBehaviour.Fill;
        await kit.Account.PlaceOrderAsync(Market("d2", TradeSide.Buy, 1m));
        await kit.OrderInStateAsync("d2", OrderState.Filled);

        var order = await kit.OrderAsync("d1");
        Assert.Equal((OrderState.PartiallyFilled, 0.4m), (order.State, order.FilledQuantity));
        Assert.Single(order.Fills);
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1 && a.Positions[0].Quantity >= 1.4m, "both orders' fills");
        Assert.Equal(1.4m, account!.Positions[0].Quantity);
        Assert.Empty(account.UnbookedFills);
    }

    [Fact]
    public async Task ResultArrivingAfterTheWaitEnded_StillAcceptsTheOrder()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.PlacedResultLost;

        var placed = await kit.Account.PlaceOrderAsync(Limit("late1", TradeSide.Buy, 1m, 1.09990m)); // the bridge stops waiting after 2 s
        Assert.Equal(OrderState.Submitted, placed.Order!.State);
        var held = Assert.Single(kit.Twin.Snapshot(0).Orders);
        await kit.Terminal.SendOrderResultAsync(new OrderResultMessage("late1", "EURUSD", Mt5Retcode.Placed, held.OrderTicket, 0, 1.0999, 1, "placed"),
            CancellationToken.None);

        var accepted = await kit.OrderInStateAsync("late1", OrderState.Accepted);
        Assert.Equal(held.OrderTicket.ToString(), accepted.VenueOrderId);
        Assert.Equal(["late1"], (await kit.Account.GetAsync())!.OpenOrders);
    }

    [Fact]
    public async Task LinkedTerminalNotConnected_OrderIsRejected_NotLeftHanging()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture, connect: false);

        var outcome = await kit.Account.PlaceOrderAsync(Market("n1", TradeSide.Buy, 1m));

        Assert.Equal(OrderState.Rejected, outcome.Order!.State);
        Assert.Contains("is not connected; the order was not sent", outcome.Order.LastReason);
    }
}
