using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.MarketData.Bridge;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>After every reconnect the terminal reports what it holds; deals are applied once by ticket and open orders compared.</summary>
[Collection(Mt5ClusterCollection.Name)]
public class Mt5ReconciliationTests(Mt5ClusterFixture fixture)
{
    [Fact]
    public async Task PartFillWhileTheBridgeIsDown_QueuedByTheEaAndInTheSnapshot_IsAppliedExactlyOnce()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("f1", TradeSide.Buy, 1m, 1.09990m));
        await kit.DisconnectAsync();

        var deal = kit.Twin.Fill("f1", 0.6m, 1.0999);
        await kit.Terminal.SendFillAsync(deal, CancellationToken.None);
        Assert.Equal(1, kit.Terminal.QueuedFills);
        await kit.ReconnectAsync(expectedReports: 2);

        // Partly filled, so a second application would show (1.2 would be refused as an overfill; 0.6 twice would not).
        var order = await kit.OrderInStateAsync("f1", OrderState.PartiallyFilled);
        Assert.Equal(deal.DealTicket.ToString(), Assert.Single(order.Fills).TradeId);
        Assert.Equal(0.6m, order.FilledQuantity);
        var report = (await kit.TerminalGrain.GetReconciliationsAsync())[^1];
        Assert.Equal(1, report.DealsReported);
        Assert.Equal(1, report.FillsApplied.Count + report.DuplicateFills); // by FILL or by snapshot, never both
        Assert.DoesNotContain(report.Differences, d => d.Kind is ReconciliationDifferenceKind.PositionMismatch or ReconciliationDifferenceKind.OrderClosed);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(0.6m, Assert.Single(account.Positions).Quantity);
        Assert.Equal(["f1"], account.OpenOrders);
    }

    [Fact]
    public async Task FillWhileTheBridgeIsDown_LostByTheEa_IsRecoveredByReconciliation()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("g1", TradeSide.Sell, 0.5m, 1.10010m));
        await kit.DisconnectAsync();

        var deal = kit.Twin.Fill("g1", 0.5m, 1.1001);
        kit.Terminal.ForgetQueuedFills(); // the EA restarted: its queue is gone, the trade server's history is not
        await kit.ReconnectAsync(expectedReports: 2);

        var report = (await kit.TerminalGrain.GetReconciliationsAsync())[^1];
        Assert.Equal([deal.DealTicket.ToString()], report.FillsApplied);
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.MissedFill && d.Subject == $"deal {deal.DealTicket}");
        var order = await kit.OrderAsync("g1");
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Single(order.Fills);

        // A third connection reports the same deal again (it is within the cursor's overlap): nothing changes.
        await kit.DisconnectAsync();
        await kit.ReconnectAsync(expectedReports: 3);
        var again = (await kit.TerminalGrain.GetReconciliationsAsync())[^1];
        Assert.Empty(again.FillsApplied);
        Assert.Equal(1, again.DuplicateFills);
        Assert.True(again.IsClean || again.Differences.Count == 0, string.Join("; ", again.Differences));
        Assert.Single((await kit.OrderAsync("g1")).Fills);
        Assert.Equal(0.5m, Assert.Single((await kit.Account.GetAsync())!.Positions).Quantity);
    }

    [Fact]
    public async Task OrderTheTerminalNoLongerHolds_IsCanceledWithTheReason_AndReported()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("c1", TradeSide.Buy, 1m, 1.09990m), Limit("c2", TradeSide.Buy, 1m, 1.09980m));
        await kit.DisconnectAsync();

        kit.Twin.Cancel("c1"); // canceled at the terminal while we could not hear it
        await kit.ReconnectAsync(expectedReports: 2);

        var canceled = await kit.OrderAsync("c1");
        Assert.Equal(OrderState.Canceled, canceled.State);
        Assert.StartsWith("reconciliation: no longer open at terminal", canceled.Audit[^1].Cause);
        Assert.Equal(OrderState.Accepted, (await kit.OrderAsync("c2")).State);
        var difference = Assert.Single((await kit.TerminalGrain.GetReconciliationsAsync())[^1].Differences);
        Assert.Equal((ReconciliationDifferenceKind.OrderClosed, "c1", "now Canceled"), (difference.Kind, difference.Subject, difference.Resolution));
        Assert.Equal(["c2"], (await kit.Account.GetAsync())!.OpenOrders);
    }

    [Fact]
    public async Task OrdersWhoseResultNeverCame_StaySubmitted_ThenReconciliationConfirmsOneAndRejectsTheOther()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.PlacedResultLost;
        var held = await kit.Account.PlaceOrderAsync(Limit("u1", TradeSide.Buy, 1m, 1.09990m)); // waits out the bridge's order timeout
        kit.Twin.Behaviour = TwinOrderBehaviour.NeverPlaced;
        var lost = await kit.Account.PlaceOrderAsync(Limit("u2", TradeSide.Buy, 1m, 1.09980m));
        Assert.Equal((OrderState.Submitted, OrderState.Submitted), (held.Order!.State, lost.Order!.State));

        await kit.DisconnectAsync();
        await kit.ReconnectAsync(expectedReports: 2);

        var confirmed = await kit.OrderAsync("u1");
        Assert.Equal(OrderState.Accepted, confirmed.State);
        Assert.False(string.IsNullOrEmpty(confirmed.VenueOrderId));
        var rejected = await kit.OrderAsync("u2");
        Assert.Equal(OrderState.Rejected, rejected.State);
        Assert.StartsWith($"reconciliation: terminal '{kit.TerminalId}' has no such order", rejected.LastReason);
        var report = (await kit.TerminalGrain.GetReconciliationsAsync())[^1];
        Assert.Equal([(ReconciliationDifferenceKind.OrderConfirmed, "u1"), (ReconciliationDifferenceKind.OrderClosed, "u2")],
            report.Differences.Select(d => (d.Kind, d.Subject)).OrderBy(d => d.Subject));
        Assert.Equal(["u1"], (await kit.Account.GetAsync())!.OpenOrders);
    }

    [Fact]
    public async Task TradeOfNoOrderOfOurs_IsReportedAsForeign_AndItsPositionAsAMismatch()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture);
        await kit.DisconnectAsync();
        // A person trades by hand on the terminal: the EA reports the deal with no client order id.
        kit.Twin.Behaviour = TwinOrderBehaviour.Fill;
        var (_, fills) = kit.Twin.Place(new OrderCommand("manual", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Market, 0.2m));
        var manual = Assert.Single(fills);

        await kit.ReconnectAsync(expectedReports: 2);

        var report = (await kit.TerminalGrain.GetReconciliationsAsync())[^1];
        Assert.Empty(report.FillsApplied);
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.ForeignDeal && d.Subject == $"deal {manual.DealTicket}");
        var gap = Assert.Single(report.Differences, d => d.Kind == ReconciliationDifferenceKind.PositionMismatch);
        Assert.Equal(("EURUSD", "net 0 here, 0.2 at the terminal"), (gap.Subject, gap.Detail));
        Assert.Empty((await kit.Account.GetAsync())!.Positions);
    }

    [Fact]
    public async Task ModifyTheTerminalTookButNeverConfirmed_ReconciliationTakesTheTerminalsPrice_AndAuditsIt()
    {
        await using var kit = await Mt5TestKit.WithRestingAsync(fixture, Limit("m1", TradeSide.Buy, 1m, 1.09990m), Limit("m2", TradeSide.Buy, 1m, 1.09980m));
        await kit.DisconnectAsync();
        // The terminal applied a MODIFY whose REQUEST_RESULT never came back: here the replace was refused and 1.09990 kept.
        var ticket = ulong.Parse((await kit.OrderAsync("m1")).VenueOrderId!);
        var applied = kit.Twin.Modify(new ModifyCommand(ticket, "m1", "EURUSD", Price.FromDecimal(1.09970m)));
        Assert.Equal(Mt5Retcode.Done, applied.Retcode);

        await kit.ReconnectAsync(expectedReports: 2);

        var order = await kit.OrderAsync("m1");
        Assert.Equal((OrderState.Accepted, 1.09970m), (order.State, order.LimitPrice));
        Assert.Equal(ActorKind.Venue, order.Audit[^1].By.Kind);
        Assert.StartsWith("reconciliation: terminal", order.Audit[^1].Cause);
        Assert.Equal(1.09980m, (await kit.OrderAsync("m2")).LimitPrice); // the same terms on both sides: untouched
        var difference = Assert.Single((await kit.TerminalGrain.GetReconciliationsAsync())[^1].Differences);
        Assert.Equal("m1", difference.Subject);
        Assert.Contains("1.0999", difference.Detail);
        Assert.Contains("1.0997", difference.Detail);
        Assert.Equal(2, (await kit.Account.GetAsync())!.OpenOrders.Count);
    }
}
