using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Orders;

// The events that move an order, kept together because each is one line and they are read as a set.
// Every event names its order (checked on apply) and the time it happened (venue time for venue events).

/// <summary>Something that happened to one order.</summary>
public abstract record OrderEvent(string OrderId, DateTimeOffset At);

/// <summary>Our pre-trade risk refused the order; it never left us.</summary>
public sealed record OrderDenied(string OrderId, DateTimeOffset At, string Reason) : OrderEvent(OrderId, At);

public sealed record OrderSubmitted(string OrderId, DateTimeOffset At) : OrderEvent(OrderId, At);

/// <summary>The venue took the order and named it (an MT5 order ticket, a paper broker id).</summary>
public sealed record OrderAccepted(string OrderId, DateTimeOffset At, string VenueOrderId) : OrderEvent(OrderId, At);

public sealed record OrderRejected(string OrderId, DateTimeOffset At, string Reason) : OrderEvent(OrderId, At);

/// <summary>We asked the venue to change quantity or prices; null keeps the current value.</summary>
public sealed record OrderUpdateRequested(string OrderId, DateTimeOffset At, decimal? Quantity, Price? LimitPrice, Price? TriggerPrice)
    : OrderEvent(OrderId, At);

/// <summary>The venue confirmed a change; null keeps the current value.</summary>
public sealed record OrderUpdated(string OrderId, DateTimeOffset At, decimal? Quantity, Price? LimitPrice, Price? TriggerPrice)
    : OrderEvent(OrderId, At);

public sealed record OrderUpdateRejected(string OrderId, DateTimeOffset At, string Reason) : OrderEvent(OrderId, At);

public sealed record OrderCancelRequested(string OrderId, DateTimeOffset At) : OrderEvent(OrderId, At);

public sealed record OrderCancelRejected(string OrderId, DateTimeOffset At, string Reason) : OrderEvent(OrderId, At);

/// <summary>A stop or stop-limit's trigger price was touched.</summary>
public sealed record OrderTriggered(string OrderId, DateTimeOffset At) : OrderEvent(OrderId, At);

/// <summary>
/// One execution. <see cref="TradeId"/> is unique per venue execution (an MT5 deal ticket), so a
/// resent fill is recognised; Commission is the charge in account currency (fees included; negative: a rebate);
/// Swap is what the venue booked with it (MT5's DEAL_SWAP on a closing deal; negative: paid).
/// </summary>
public sealed record OrderFilled(string OrderId, DateTimeOffset At, string TradeId, decimal Quantity, Price Price, decimal Commission = 0m,
    decimal Swap = 0m)
    : OrderEvent(OrderId, At);

public sealed record OrderCanceled(string OrderId, DateTimeOffset At) : OrderEvent(OrderId, At);

public sealed record OrderExpired(string OrderId, DateTimeOffset At) : OrderEvent(OrderId, At);
