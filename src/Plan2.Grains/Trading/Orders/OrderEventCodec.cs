using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Grains.Trading.Orders;

/// <summary>Core order events to journal kinds and payloads and back. Kind names are stored: never rename one.</summary>
internal static class OrderEventCodec
{
    public const string Placed = "placed";

    public static (string Kind, JournalPayload Payload) Encode(OrderEvent e) => e switch
    {
        OrderDenied d => ("denied", new() { Reason = d.Reason }),
        OrderSubmitted => ("submitted", new()),
        OrderAccepted a => ("accepted", new() { VenueOrderId = a.VenueOrderId }),
        OrderRejected r => ("rejected", new() { Reason = r.Reason }),
        OrderUpdateRequested u => ("update-requested", new() { Quantity = u.Quantity, LimitPrice = u.LimitPrice?.ToDecimal(), TriggerPrice = u.TriggerPrice?.ToDecimal() }),
        OrderUpdated u => ("updated", new() { Quantity = u.Quantity, LimitPrice = u.LimitPrice?.ToDecimal(), TriggerPrice = u.TriggerPrice?.ToDecimal() }),
        OrderUpdateRejected r => ("update-rejected", new() { Reason = r.Reason }),
        OrderCancelRequested => ("cancel-requested", new()),
        OrderCancelRejected r => ("cancel-rejected", new() { Reason = r.Reason }),
        OrderTriggered => ("triggered", new()),
        OrderFilled f => ("filled", new() { TradeId = f.TradeId, Quantity = f.Quantity, Price = f.Price.ToDecimal(), Commission = f.Commission,
            Swap = f.Swap == 0m ? null : f.Swap }),
        OrderCanceled => ("canceled", new()),
        OrderExpired => ("expired", new()),
        _ => throw new ArgumentException($"Unknown order event {e.GetType().Name}.", nameof(e)),
    };

    public static OrderEvent Decode(string orderId, JournalEntry entry, JournalPayload p) => entry.Kind switch
    {
        "denied" => new OrderDenied(orderId, entry.At, p.Reason ?? ""),
        "submitted" => new OrderSubmitted(orderId, entry.At),
        "accepted" => new OrderAccepted(orderId, entry.At, p.VenueOrderId ?? ""),
        "rejected" => new OrderRejected(orderId, entry.At, p.Reason ?? ""),
        "update-requested" => new OrderUpdateRequested(orderId, entry.At, p.Quantity, ToPrice(p.LimitPrice), ToPrice(p.TriggerPrice)),
        "updated" => new OrderUpdated(orderId, entry.At, p.Quantity, ToPrice(p.LimitPrice), ToPrice(p.TriggerPrice)),
        "update-rejected" => new OrderUpdateRejected(orderId, entry.At, p.Reason ?? ""),
        "cancel-requested" => new OrderCancelRequested(orderId, entry.At),
        "cancel-rejected" => new OrderCancelRejected(orderId, entry.At, p.Reason ?? ""),
        "triggered" => new OrderTriggered(orderId, entry.At),
        "filled" => new OrderFilled(orderId, entry.At, p.TradeId ?? "", p.Quantity ?? 0m, Price.FromDecimal(p.Price ?? 0m), p.Commission ?? 0m, p.Swap ?? 0m),
        "canceled" => new OrderCanceled(orderId, entry.At),
        "expired" => new OrderExpired(orderId, entry.At),
        _ => throw new InvalidDataException($"Unknown order journal kind '{entry.Kind}' in stream '{entry.StreamId}'."),
    };

    private static Price? ToPrice(decimal? value) => value is { } v ? Price.FromDecimal(v) : null;
}
