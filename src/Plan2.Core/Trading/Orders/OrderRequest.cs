using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Orders;

/// <summary>
/// What a trader or strategy asks for. <see cref="ClientOrderId"/> is the caller's idempotency key:
/// a resend carries the same one. Quantity is in lots.
/// </summary>
public sealed record OrderRequest
{
    public required string ClientOrderId { get; init; }
    public required string AccountId { get; init; }
    /// <summary>The strategy that placed it, for P&amp;L attribution; null for manual orders.</summary>
    public string? StrategyId { get; init; }
    public required string Symbol { get; init; }
    public required OrderSide Side { get; init; }
    public OrderType Type { get; init; } = OrderType.Market;
    public required decimal Quantity { get; init; }
    /// <summary>Limit and stop-limit orders only.</summary>
    public Price? LimitPrice { get; init; }
    /// <summary>Stop and stop-limit orders only: the price that activates the order.</summary>
    public Price? TriggerPrice { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;
    /// <summary>Good-till-date orders only.</summary>
    public DateTimeOffset? ExpireAt { get; init; }
    /// <summary>May only shrink an existing position, never open or grow one.</summary>
    public bool ReduceOnly { get; init; }
    /// <summary>Hedging accounts: the position this order closes. Null opens a new position.</summary>
    public long? PositionTicket { get; init; }
    /// <summary>AI orders: the prediction's confidence in [0, 1], which caps the size risk allows.</summary>
    public double? Confidence { get; init; }
}
