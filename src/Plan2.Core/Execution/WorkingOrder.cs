using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

/// <summary>The venue's own copy of an order it holds: what is left, and whether it has arrived and triggered.</summary>
internal sealed class WorkingOrder(Order order, Instrument instrument, long arrivalMs)
{
    public string OrderId { get; } = order.OrderId;
    public Instrument Instrument { get; } = instrument;
    public OrderSide Side { get; } = order.Side;
    public OrderType Type { get; } = order.Type;
    public TimeInForce TimeInForce { get; } = order.Request.TimeInForce;
    public DateTimeOffset? ExpiresAt { get; } = order.ExpiresAt;
    /// <summary>Unix ms at which the order reaches the venue (submit + latency).</summary>
    public long ArrivalMs { get; } = arrivalMs;
    public decimal Quantity { get; set; } = order.Quantity;
    public decimal Filled { get; set; } = order.FilledQuantity;
    public decimal Leaves => Quantity - Filled;
    public Price? Limit { get; set; } = order.LimitPrice;
    public Price? Trigger { get; set; } = order.TriggerPrice;
    public bool Accepted { get; set; }
    public bool Triggered { get; set; } = order.IsTriggered;
    /// <summary>The version of the terms it rests on (<see cref="RestingOrder.Version"/>); 0 for an order submitted here.</summary>
    public long Version { get; init; }

    /// <summary>Immediate-or-cancel and fill-or-kill meet the book once, on arrival, and never rest.</summary>
    public bool IsImmediate => TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;

    public bool NeedsTrigger => Type is OrderType.Stop or OrderType.StopLimit && !Triggered;
}
