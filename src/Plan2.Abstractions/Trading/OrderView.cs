using Plan2.Abstractions.MarketData;

namespace Plan2.Abstractions.Trading;

/// <summary>One order as clients see it, with its fills and its whole audit trail.</summary>
[GenerateSerializer, Immutable, Alias("plan2.order")]
public sealed record OrderView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] string? StrategyId,
    [property: Id(4)] string Symbol,
    [property: Id(5)] TradeSide Side,
    [property: Id(6)] TradeOrderType Type,
    [property: Id(7)] OrderState State,
    [property: Id(8)] decimal Quantity,
    [property: Id(9)] decimal FilledQuantity,
    [property: Id(10)] decimal? AverageFillPrice,
    [property: Id(11)] decimal? LimitPrice,
    [property: Id(12)] decimal? TriggerPrice,
    [property: Id(13)] string? LastReason,
    [property: Id(14)] IReadOnlyList<FillView> Fills,
    [property: Id(15)] IReadOnlyList<OrderAuditEntry> Audit,
    [property: Id(16)] PlaceOrder Request,
    [property: Id(17)] string? VenueOrderId = null);

/// <summary>
/// One execution of an order; Commission (a charge; negative: a rebate) and Swap (negative: paid) in account currency. The quote it filled against is kept:
/// its rate converts the fill's P&amp;L, the same live and when the account is rebuilt.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.fill")]
public sealed record FillView(
    [property: Id(0)] string TradeId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] decimal Quantity,
    [property: Id(3)] decimal Price,
    [property: Id(4)] decimal Commission,
    [property: Id(5)] QuoteView Quote,
    [property: Id(6)] decimal Swap = 0m);

/// <summary>One change of an order: when, what, from which state to which, why, and who acted.</summary>
[GenerateSerializer, Immutable, Alias("plan2.order-audit")]
public sealed record OrderAuditEntry(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Event,
    [property: Id(3)] OrderState From,
    [property: Id(4)] OrderState To,
    [property: Id(5)] string Cause,
    [property: Id(6)] Actor By);

/// <summary>
/// The answer to placing, cancelling or replacing an order. Refused (with a stable code such as
/// "UnknownSymbol", "MaxOrderSize" or "OrderClosed" and a sentence) or not; <see cref="Order"/> is the
/// order as it now is, null when the request was malformed and no order exists. A risk denial is
/// refused and still has an order, in state Denied. <see cref="Duplicate"/>: a resend of a known client order id.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.order-outcome")]
public sealed record OrderOutcome(
    [property: Id(0)] OrderView? Order,
    [property: Id(1)] string? RefusalCode = null,
    [property: Id(2)] string? Message = null,
    [property: Id(3)] bool Duplicate = false)
{
    public bool IsRefused => RefusalCode is not null;
}
