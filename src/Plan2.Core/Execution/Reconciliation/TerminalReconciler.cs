using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution.Reconciliation;

/// <summary>
/// The reconciliation rule after a venue reconnects, as pure decisions. The venue is the truth: its deals
/// are applied first (by the caller, once each by deal ticket); then each order we still hold working is
/// matched with the venue's open orders (by venue order id, else client order id) and resolved by
/// <see cref="ResolveOrders"/>: one open on both sides takes the venue's price when they differ (what rests there
/// is what fills), while a difference in volume left is only reported; positions are compared last and a gap is
/// reported, never patched, because only a deal may move a position or an order's filled volume.
/// An order a request (place, cancel, modify) went out for since the snapshot was asked for (named, or later in time than the
/// ask), or was on its way then, is not
/// judged by it beyond a confirmation: the terminal reads that request after taking the snapshot, so what the snapshot shows
/// of the order proves nothing and the request's own answer decides it.
/// </summary>
public static class TerminalReconciler
{
    public static IReadOnlyList<OrderResolutionStep> ResolveOrders(IEnumerable<WorkingOrderFact> ours, IReadOnlyList<VenueOrderFact> venueOpen,
        string venue, IReadOnlyCollection<string>? sentSinceAsked = null, DateTimeOffset? askedAt = null)
    {
        var unseen = new HashSet<string>(sentSinceAsked ?? [], StringComparer.Ordinal);
        var byTicket = venueOpen.Where(o => o.VenueOrderId.Length > 0).ToDictionary(o => o.VenueOrderId, StringComparer.Ordinal);
        var byClientId = venueOpen.Where(o => o.ClientOrderId.Length > 0).GroupBy(o => o.ClientOrderId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var steps = new List<OrderResolutionStep>();
        foreach (var order in ours.Where(o => o.Status.IsWorking()))
        {
            var held = order.VenueOrderId is { Length: > 0 } ticket && byTicket.TryGetValue(ticket, out var t) ? t
                : byClientId.GetValueOrDefault(order.ClientOrderId);
            steps.Add((held, order.Status) switch
            {
                (not null, OrderStatus.Submitted) => new(order.ClientOrderId, OrderResolution.Confirm, held.VenueOrderId,
                    $"reconciliation: {venue} holds it as order {held.VenueOrderId}"),
                _ when unseen.Contains(order.ClientOrderId) || order.LastRequestAt >= askedAt => new(order.ClientOrderId, OrderResolution.Keep, order.VenueOrderId,
                    $"a request for it went to {venue} after its snapshot was asked for: its own answer decides it"),
                (not null, OrderStatus.PendingCancel) => new(order.ClientOrderId, OrderResolution.ResendCancel, held.VenueOrderId,
                    $"reconciliation: {venue} still holds it; the cancel it never answered is sent again"),
                (not null, _) => Compare(order, held, venue),
                (null, OrderStatus.Submitted) => new(order.ClientOrderId, OrderResolution.Reject, null,
                    $"reconciliation: {venue} has no such order and reported no deal for it"),
                (null, _) => new(order.ClientOrderId, OrderResolution.Cancel, order.VenueOrderId,
                    $"reconciliation: no longer open at {venue} and not filled there (canceled or expired at the terminal)"),
            });
        }
        return steps;
    }

    private static OrderResolutionStep Compare(WorkingOrderFact ours, VenueOrderFact held, string venue)
    {
        var volume = ours.VolumeLeft is { } mine && held.VolumeLeft is { } theirs && mine != theirs
            ? $"{theirs} lots left at {venue}, {mine} here (only deals change what is filled)" : null;
        if (ours.RestingPrice is { } price && held.Price is { } venuePrice && price != venuePrice)
            return new(ours.ClientOrderId, OrderResolution.TakeVenuePrice, held.VenueOrderId,
                $"reconciliation: {venue} holds it at {venuePrice}, here at {price}: the price resting there is taken" +
                (volume is null ? "" : "; " + volume), venuePrice);
        return volume is null
            ? new(ours.ClientOrderId, OrderResolution.Keep, held.VenueOrderId, "open on both sides")
            : new(ours.ClientOrderId, OrderResolution.ReportVolume, held.VenueOrderId, "reconciliation: " + volume);
    }

    /// <summary>Every symbol whose net position differs between the two sides, in symbol order.</summary>
    public static IReadOnlyList<PositionGap> ComparePositions(IReadOnlyDictionary<string, decimal> ours, IReadOnlyDictionary<string, decimal> venue) =>
        ours.Keys.Union(venue.Keys, StringComparer.Ordinal)
            .Select(s => new PositionGap(s, ours.GetValueOrDefault(s), venue.GetValueOrDefault(s)))
            .Where(g => g.Ours != g.Venue)
            .OrderBy(g => g.Symbol, StringComparer.Ordinal)
            .ToList();
}
