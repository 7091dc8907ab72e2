using Plan2.Core.Execution.Reconciliation;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Tests.Execution;

public class TerminalReconcilerTests
{
    private static IReadOnlyList<OrderResolutionStep> Resolve(params WorkingOrderFact[] ours) =>
        TerminalReconciler.ResolveOrders(ours, [new VenueOrderFact("801", "held-by-ticket"), new VenueOrderFact("802", "held-by-id")], "terminal 'T'");

    [Fact]
    public void OrderTheVenueHolds_IsKept_MatchedByTicketBeforeClientId()
    {
        var step = Assert.Single(Resolve(new WorkingOrderFact("renamed-locally", OrderStatus.PartiallyFilled, "801")));
        Assert.Equal((OrderResolution.Keep, "801"), (step.Resolution, step.VenueOrderId));
    }

    [Fact]
    public void SubmittedOrderTheVenueHolds_IsConfirmedWithTheVenuesTicket()
    {
        var step = Assert.Single(Resolve(new WorkingOrderFact("held-by-id", OrderStatus.Submitted, null)));
        Assert.Equal((OrderResolution.Confirm, "802"), (step.Resolution, step.VenueOrderId));
    }

    [Theory]
    [InlineData(OrderStatus.Submitted, OrderResolution.Reject)]
    [InlineData(OrderStatus.Accepted, OrderResolution.Cancel)]
    [InlineData(OrderStatus.PartiallyFilled, OrderResolution.Cancel)]
    [InlineData(OrderStatus.PendingCancel, OrderResolution.Cancel)]
    public void OrderTheVenueDoesNotHold_IsClosed_RejectedIfNeverAccepted(OrderStatus status, OrderResolution expected)
    {
        var step = Assert.Single(Resolve(new WorkingOrderFact("gone", status, status == OrderStatus.Submitted ? null : "799")));
        Assert.Equal(expected, step.Resolution);
        Assert.Contains("terminal 'T'", step.Reason);
    }

    [Fact]
    public void PendingCancelTheVenueStillHolds_HasItsCancelSentAgain()
    {
        var step = Assert.Single(Resolve(new WorkingOrderFact("held-by-ticket", OrderStatus.PendingCancel, "801")));
        Assert.Equal((OrderResolution.ResendCancel, "801"), (step.Resolution, step.VenueOrderId));
    }

    [Theory]
    [InlineData(1.0997, 1.0997, 1.0, 1.0, OrderResolution.Keep)]
    [InlineData(1.0999, 1.0997, 1.0, 1.0, OrderResolution.TakeVenuePrice)]
    [InlineData(1.0999, 1.0997, 1.0, 0.4, OrderResolution.TakeVenuePrice)]
    [InlineData(1.0997, 1.0997, 1.0, 0.4, OrderResolution.ReportVolume)]
    public void OrderOpenOnBothSides_TakesTheVenuesPrice_AndReportsAVolumeGap(double ours, double venue, double oursLeft, double venueLeft,
        OrderResolution expected)
    {
        var step = Assert.Single(TerminalReconciler.ResolveOrders(
            [new WorkingOrderFact("m1", OrderStatus.Accepted, "801", (decimal)ours, (decimal)oursLeft)],
            [new VenueOrderFact("801", "m1", (decimal)venue, (decimal)venueLeft)], "terminal 'T'"));

        Assert.Equal(expected, step.Resolution);
        Assert.Equal(expected == OrderResolution.TakeVenuePrice ? (decimal)venue : null, step.VenuePrice);
        Assert.Equal(oursLeft != venueLeft, step.Reason.Contains($"{(decimal)venueLeft} lots left at terminal 'T', {(decimal)oursLeft} here"));
    }

    [Fact]
    public void ClosedOrders_AreNotReconciled()
    {
        Assert.Empty(Resolve(new WorkingOrderFact("done", OrderStatus.Filled, "799"), new WorkingOrderFact("no", OrderStatus.Rejected, null)));
    }

    [Fact]
    public void Positions_OnlyDifferingSymbolsAreGaps_InSymbolOrder()
    {
        var gaps = TerminalReconciler.ComparePositions(
            new Dictionary<string, decimal> { ["EURUSD"] = 1.0m, ["USDJPY"] = -0.5m, ["GBPUSD"] = 0.2m },
            new Dictionary<string, decimal> { ["EURUSD"] = 1.0m, ["USDJPY"] = -0.3m, ["AUDUSD"] = 0.1m });
        Assert.Equal([new PositionGap("AUDUSD", 0m, 0.1m), new PositionGap("GBPUSD", 0.2m, 0m), new PositionGap("USDJPY", -0.5m, -0.3m)], gaps);
    }

    [Theory]
    [InlineData(OrderStatus.Submitted, null, null)]
    [InlineData(OrderStatus.Accepted, "799", null)]
    [InlineData(OrderStatus.PendingCancel, "801", 1.0999)]
    [InlineData(OrderStatus.Accepted, "801", 1.0999)]
    public void OrderARequestWentOutForAfterTheSnapshotWasAskedFor_IsLeftToItsOwnAnswer(OrderStatus status, string? ticket, double? price)
    {
        // The terminal reads that request after taking the snapshot: absent, or at its old price, proves nothing.
        var order = new WorkingOrderFact("late", status, ticket, (decimal?)price);
        var venue = new VenueOrderFact("801", "", 1.0997m);

        var judged = Assert.Single(TerminalReconciler.ResolveOrders([order], [venue], "terminal 'T'"));
        var left = Assert.Single(TerminalReconciler.ResolveOrders([order], [venue], "terminal 'T'", ["late"]));

        Assert.NotEqual(OrderResolution.Keep, judged.Resolution);
        Assert.Equal(OrderResolution.Keep, left.Resolution);
        Assert.Contains("after its snapshot was asked for", left.Reason);
    }

    [Fact]
    public void SubmittedOrderTheSnapshotHolds_IsConfirmed_EvenIfARequestWentOutSince()
    {
        var step = Assert.Single(TerminalReconciler.ResolveOrders([new WorkingOrderFact("held-by-id", OrderStatus.Submitted, null)],
            [new VenueOrderFact("802", "held-by-id")], "terminal 'T'", ["held-by-id"]));
        Assert.Equal((OrderResolution.Confirm, "802"), (step.Resolution, step.VenueOrderId));
    }

    [Fact]
    public void OrderRequestedAfterTheAsk_IsLeftToItsOwnAnswer_AndOneRequestedBeforeIsJudged()
    {
        // Placed after the snapshot's answer came, before the account reconciled: named by no watch, told apart by time.
        var asked = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var steps = TerminalReconciler.ResolveOrders(
            [new WorkingOrderFact("after", OrderStatus.Accepted, "901", LastRequestAt: asked.AddMilliseconds(5)),
             new WorkingOrderFact("before", OrderStatus.Accepted, "902", LastRequestAt: asked.AddSeconds(-1))],
            [], "terminal 'T'", [], asked);

        Assert.Equal([("after", OrderResolution.Keep), ("before", OrderResolution.Cancel)], steps.Select(s => (s.ClientOrderId, s.Resolution)));
    }
}
