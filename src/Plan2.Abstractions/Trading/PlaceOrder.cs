namespace Plan2.Abstractions.Trading;

/// <summary>
/// A new order for an account. <see cref="ClientOrderId"/> is the caller's idempotency key: a resend
/// with the same one returns the first order and never places a second. Quantity in lots; prices exact.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.place-order")]
public sealed record PlaceOrder(
    [property: Id(0)] string ClientOrderId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] TradeSide Side,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] Actor PlacedBy,
    [property: Id(5)] TradeOrderType Type = TradeOrderType.Market,
    [property: Id(6)] decimal? LimitPrice = null,
    [property: Id(7)] decimal? TriggerPrice = null,
    [property: Id(8)] TradeTimeInForce TimeInForce = TradeTimeInForce.Gtc,
    [property: Id(9)] DateTimeOffset? ExpireAt = null,
    [property: Id(10)] bool ReduceOnly = false,
    [property: Id(11)] long? PositionTicket = null,
    [property: Id(12)] double? Confidence = null,
    [property: Id(13)] string? StrategyId = null);

/// <summary>Changes a working order's quantity and/or prices; null keeps the current value.</summary>
[GenerateSerializer, Immutable, Alias("plan2.replace-order")]
public sealed record ReplaceOrder(
    [property: Id(0)] string ClientOrderId,
    [property: Id(1)] Actor RequestedBy,
    [property: Id(2)] decimal? Quantity = null,
    [property: Id(3)] decimal? LimitPrice = null,
    [property: Id(4)] decimal? TriggerPrice = null);
