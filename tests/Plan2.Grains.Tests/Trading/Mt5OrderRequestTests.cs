using Plan2.Abstractions.Trading;
using Plan2.MarketData.Bridge;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Cancel and replace of orders resting at an MT5 terminal (protocol v4, the twin as terminal over loopback): the order
/// goes PendingCancel or PendingUpdate, the terminal's answer moves it on through the transition table.
/// </summary>
[Collection(Mt5ClusterCollection.Name)]
public class Mt5OrderRequestTests(Mt5ClusterFixture fixture)
{
    [Fact]
    public async Task Cancel_GoesToTheTerminal_WhichRemovesTheOrder_AndTheOrderIsCanceled()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("c1", TradeSide.Buy, 1m, 1.09990m));

        var outcome = await kit.Account.CancelOrderAsync("c1", Alice);

        Assert.False(outcome.IsRefused, outcome.Message);
        Assert.Equal(OrderState.Canceled, outcome.Order!.State);
        Assert.Equal(["placed", "submitted", "accepted", "cancel-requested", "canceled"], outcome.Order.Audit.Select(a => a.Event));
        Assert.Equal(OrderState.PendingCancel, outcome.Order.Audit[^1].From);
        Assert.Null(kit.Twin.Held("c1")); // gone at the terminal
        Assert.Empty((await kit.Account.GetAsync())!.OpenOrders);
        // The ORDER_EVENT the terminal sends after removing it finds the order closed already and changes nothing.
        await Task.Delay(300);
        Assert.Equal(5, (await kit.OrderAsync("c1")).Audit.Count);
    }

    [Fact]
    public async Task Modify_GoesToTheTerminal_WhichTakesTheNewPrice_AndTheOrderIsAcceptedWithIt()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("u1", TradeSide.Buy, 1m, 1.09990m));

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("u1", Alice, LimitPrice: 1.09980m));

        Assert.False(outcome.IsRefused, outcome.Message);
        Assert.Equal((OrderState.Accepted, 1.09980m), (outcome.Order!.State, outcome.Order.LimitPrice));
        Assert.Equal(["update-requested", "updated"], outcome.Order.Audit.Skip(3).Select(a => a.Event));
        Assert.Equal(1.0998, kit.Twin.Held("u1")!.Price.ToDouble());
    }

    [Fact]
    public async Task ModifyRefusedByTheTerminal_ReturnsTheOrderToAccepted_WithTheRetcodeAsReason()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("u2", TradeSide.Buy, 1m, 1.09990m));
        kit.Twin.Cancel("u2"); // gone at the terminal (a person removed it); the platform does not know yet

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("u2", Alice, LimitPrice: 1.09980m));

        Assert.Equal((OrderState.Accepted, 1.09990m), (outcome.Order!.State, outcome.Order.LimitPrice));
        Assert.Equal($"MT5 retcode {Mt5Retcode.Invalid}: {TwinTradeServer.NoSuchOrder}", outcome.Order.LastReason);
        Assert.Equal(OrderState.PendingUpdate, outcome.Order.Audit[^1].From);
    }

    [Fact]
    public async Task ModifyWhoseAnswerIsLost_IsRefusedHere_AndTheNextReconciliationTakesTheTerminalsPrice()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("u4", TradeSide.Buy, 1m, 1.09990m));
        kit.Twin.AnswersRequests = false; // the terminal applies the MODIFY; its REQUEST_RESULT never comes back

        var refused = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("u4", Alice, LimitPrice: 1.09970m)); // waits out the bridge's timeout
        Assert.Equal((OrderState.Accepted, 1.09990m), (refused.Order!.State, refused.Order.LimitPrice));
        Assert.StartsWith($"No answer from terminal '{kit.TerminalId}'", refused.Order.LastReason);
        Assert.Equal(1.0997, kit.Twin.Held("u4")!.Price.ToDouble());
        await kit.DisconnectAsync();
        await kit.ReconnectAsync(expectedReports: 2);

        var taken = await kit.OrderAsync("u4");
        Assert.Equal((OrderState.Accepted, 1.09970m), (taken.State, taken.LimitPrice));
        Assert.Equal(["update-requested", "update-rejected", "update-requested", "updated"], taken.Audit.Skip(3).Select(a => a.Event));
        var difference = Assert.Single((await kit.TerminalGrain.GetReconciliationsAsync())[^1].Differences);
        Assert.Equal((ReconciliationDifferenceKind.PriceTaken, "u4"), (difference.Kind, difference.Subject));
        Assert.StartsWith("now Accepted at 1.0997", difference.Resolution);
    }

    [Fact]
    public async Task ReplaceOfTheVolume_IsRefusedBeforeTheTerminal_MT5CannotChangeIt()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("u3", TradeSide.Buy, 1m, 1.09990m));

        var outcome = await kit.Account.ReplaceOrderAsync(new ReplaceOrder("u3", Alice, Quantity: 2m));

        Assert.Equal((OrderState.Accepted, 1m), (outcome.Order!.State, outcome.Order.Quantity));
        Assert.StartsWith("MT5 cannot change the volume of a pending order", outcome.Order.LastReason);
        Assert.Equal(1m, kit.Twin.Held("u3")!.Volume);
    }

    [Fact]
    public async Task CancelRacingAFill_TheFillWins_AndNothingIsFilledTwice()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("x1", TradeSide.Buy, 1m, 1.09990m));
        var deal = kit.Twin.Fill("x1", 1m, 1.0999); // filled at the terminal; its FILL is still on the way when the cancel arrives

        var outcome = await kit.Account.CancelOrderAsync("x1", Alice);
        Assert.Equal(OrderState.Accepted, outcome.Order!.State); // the terminal refused the cancel: back from PendingCancel
        Assert.Equal($"MT5 retcode {Mt5Retcode.Invalid}: {TwinTradeServer.NoSuchOrder}", outcome.Order.LastReason);
        await kit.Terminal.SendFillAsync(deal, CancellationToken.None);

        var filled = await kit.OrderInStateAsync("x1", OrderState.Filled);
        Assert.Equal(deal.DealTicket.ToString(), Assert.Single(filled.Fills).TradeId);
        Assert.Equal(["cancel-requested", "cancel-rejected", "filled"], filled.Audit.Skip(3).Select(a => a.Event));
        await kit.DisconnectAsync();
        await kit.ReconnectAsync(expectedReports: 2); // the snapshot reports the deal again
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal(1m, account!.Positions[0].Quantity);
        Assert.Empty(account.UnbookedFills);
        Assert.Single((await kit.OrderAsync("x1")).Fills);
    }

    [Fact]
    public async Task CancelWhileTheBridgeIsDown_StaysPendingCancel_AndReconciliationSendsItOnReconnect()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("w1", TradeSide.Buy, 1m, 1.09990m));
        await kit.DisconnectAsync();
        await Mt5TestKit.EventuallyAsync(() => kit.TerminalGrain.GetStatusAsync(), s => s.Route is null, "the terminal seen gone");

        var outcome = await kit.Account.CancelOrderAsync("w1", Alice);
        Assert.Equal(OrderState.PendingCancel, outcome.Order!.State);
        Assert.NotNull(kit.Twin.Held("w1")); // still resting at the terminal

        await kit.ReconnectAsync(expectedReports: 2);

        var canceled = await kit.OrderInStateAsync("w1", OrderState.Canceled);
        Assert.Null(kit.Twin.Held("w1"));
        var report = (await kit.TerminalGrain.GetReconciliationsAsync())[^1];
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.CancelResent && d.Subject == "w1");
        Assert.Equal(OrderState.PendingCancel, canceled.Audit[^1].From);
    }

    [Fact]
    public async Task CancelWhileTheBridgeIsDown_OfAnOrderFilledMeanwhile_EndsFilled_ByReconciliation()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("w2", TradeSide.Buy, 1m, 1.09990m));
        await kit.DisconnectAsync();
        await Mt5TestKit.EventuallyAsync(() => kit.TerminalGrain.GetStatusAsync(), s => s.Route is null, "the terminal seen gone");
        Assert.Equal(OrderState.PendingCancel, (await kit.Account.CancelOrderAsync("w2", Alice)).Order!.State);
        kit.Twin.Fill("w2", 1m, 1.0999); // filled at the terminal while the bridge is down; the EA restarted and lost its queue
        kit.Terminal.ForgetQueuedFills();

        await kit.ReconnectAsync(expectedReports: 2);

        var filled = await kit.OrderInStateAsync("w2", OrderState.Filled);
        Assert.Single(filled.Fills);
        var account = await Mt5TestKit.EventuallyAsync(() => kit.Account.GetAsync(), a => a!.Positions.Count == 1, "the position");
        Assert.Equal(1m, account!.Positions[0].Quantity);
    }
}
