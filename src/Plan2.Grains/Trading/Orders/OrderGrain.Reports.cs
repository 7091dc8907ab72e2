using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Orders;

// What a venue reports after the submit call returned (MT5: a late ORDER_RESULT, FILLs, reconciliation).
public sealed partial class OrderGrain
{
    Task<OrderOutcome> IOrderGrain.ApplyVenueReportAsync(VenueReport report) => GuardedAsync(() => ApplyVenueReportAsync(report));

    private async Task<OrderOutcome> ApplyVenueReportAsync(VenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        await LoadAsync();
        if (_history is not { } history)
            return new OrderOutcome(null, "UnknownOrder", $"No order '{OrderId}'.");
        if (report.Kind == VenueReportKind.Repriced)
            return await RepriceAsync(history, report);
        if (ToEvent(report) is not { } e)
            return new OrderOutcome(history.ToView(), nameof(OrderRefusalReason.NonPositivePrice), $"Fill price {report.Price} is not a price.");
        var result = history.Record(e, Actor.Venue, Cause(report));
        if (!result.IsOk)
        {
            // A deal ticket the order already has is the normal echo of a resend or a reconciliation: not an error.
            var duplicate = result.Reason == OrderRefusalReason.DuplicateTrade;
            return new OrderOutcome(history.ToView(), duplicate ? null : result.Reason.ToString(), result.Message, Duplicate: duplicate);
        }
        await CommitAsync();
        return new OrderOutcome(history.ToView());
    }

    private OrderEvent? ToEvent(VenueReport r) => r.Kind switch
    {
        VenueReportKind.Accepted => new OrderAccepted(OrderId, r.At, r.VenueOrderId),
        VenueReportKind.Rejected => new OrderRejected(OrderId, r.At, r.Reason),
        VenueReportKind.Canceled => new OrderCanceled(OrderId, r.At),
        VenueReportKind.Expired => new OrderExpired(OrderId, r.At),
        VenueReportKind.Triggered => new OrderTriggered(OrderId, r.At),
        VenueReportKind.Fill when TradingMapping.TryPrice(r.Price, out var price) && price is { } p =>
            new OrderFilled(OrderId, r.At, r.TradeId ?? "", r.Quantity, p, r.Commission, r.Swap),
        VenueReportKind.Fill => null,
        _ => throw new ArgumentException($"Unknown venue report kind {r.Kind}.", nameof(r)),
    };

    /// <summary>
    /// The venue holds the order at another price (reconciliation): the order takes it as an update the venue asked for and
    /// confirmed at once, two audited entries through the transition table. The price is the one it rests at there: a
    /// triggered stop-limit's or a limit's limit, else the stop.
    /// </summary>
    private async Task<OrderOutcome> RepriceAsync(OrderHistory history, VenueReport report)
    {
        var order = history.Order;
        if (!TradingMapping.TryPrice(report.Price, out var p) || p is not { } price)
            return new OrderOutcome(history.ToView(), nameof(OrderRefusalReason.NonPositivePrice), $"Venue price {report.Price} is not a price.");
        var limit = order.Type == OrderType.Limit || order.Type == OrderType.StopLimit && order.IsTriggered;
        Price? limitPrice = limit ? price : null, triggerPrice = limit ? null : price;
        var requested = history.Record(new OrderUpdateRequested(OrderId, report.At, null, limitPrice, triggerPrice), Actor.Venue, Cause(report));
        if (!requested.IsOk)
            return new OrderOutcome(history.ToView(), requested.Reason.ToString(), requested.Message);
        history.Record(new OrderUpdated(OrderId, report.At, null, limitPrice, triggerPrice), Actor.Venue, Cause(report));
        await CommitAsync();
        return new OrderOutcome(history.ToView());
    }

    Task<OrderOutcome> IOrderGrain.RetryCancelAsync() => GuardedAsync(async () =>
    {
        await LoadAsync();
        if (_history is not { } history)
            return new OrderOutcome(null, "UnknownOrder", $"No order '{OrderId}'.");
        if (history.Order.Status != OrderStatus.PendingCancel)
            return new OrderOutcome(history.ToView());
        ApplyVenue(await Venue.CancelAsync(history.Order, clock.NowMicros()), null);
        await CommitAsync();
        return new OrderOutcome(history.ToView());
    });

    private static string Cause(VenueReport r) => r.Kind switch
    {
        VenueReportKind.Accepted => $"accepted as {r.VenueOrderId}",
        VenueReportKind.Fill => $"filled {r.Quantity} at {r.Price} (trade {r.TradeId})",
        _ => r.Reason.Length > 0 ? r.Reason : r.Kind.ToString().ToLowerInvariant(),
    };
}
