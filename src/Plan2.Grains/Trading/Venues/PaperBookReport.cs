using Plan2.Abstractions.MarketData;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

public enum PaperBookReportKind { Triggered, Filled, Canceled, Expired }

/// <summary>
/// What a venue did to a resting order after it was placed, sent to the order grain to apply and journal:
/// the Core event in a form Orleans carries, with the quote a fill traded against (none for an expiry on the book's alarm).
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.paper-book-report")]
public sealed record PaperBookReport(
    [property: Id(0)] PaperBookReportKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] QuoteView? Quote,
    [property: Id(3)] string? TradeId = null,
    [property: Id(4)] decimal Quantity = 0m,
    [property: Id(5)] decimal Price = 0m,
    [property: Id(6)] decimal Commission = 0m)
{
    /// <summary>The report of a Core venue event; null for events a resting order cannot produce (accepted, rejected...).</summary>
    public static PaperBookReport? From(OrderEvent e, QuoteView? quote) => e switch
    {
        OrderTriggered t => new(PaperBookReportKind.Triggered, t.At, quote),
        OrderFilled f => new(PaperBookReportKind.Filled, f.At, quote, f.TradeId, f.Quantity, f.Price.ToDecimal(), f.Commission),
        OrderCanceled c => new(PaperBookReportKind.Canceled, c.At, quote),
        OrderExpired x => new(PaperBookReportKind.Expired, x.At, quote),
        _ => null,
    };

    public OrderEvent ToEvent(string orderId) => Kind switch
    {
        PaperBookReportKind.Triggered => new OrderTriggered(orderId, At),
        PaperBookReportKind.Filled => new OrderFilled(orderId, At, TradeId!, Quantity, Core.MarketData.Price.FromDecimal(Price), Commission),
        PaperBookReportKind.Canceled => new OrderCanceled(orderId, At),
        PaperBookReportKind.Expired => new OrderExpired(orderId, At),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown venue report."),
    };
}

/// <summary>An order the paper book is to work: its grain (where reports go), its terms now and how recent they are.</summary>
[GenerateSerializer, Immutable, Alias("plan2.resting-ticket")]
public sealed record RestingTicket(
    [property: Id(0)] string OrderGrainKey,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] int Side,
    [property: Id(4)] int Type,
    [property: Id(5)] decimal Quantity,
    [property: Id(6)] decimal Filled,
    [property: Id(7)] decimal? Limit,
    [property: Id(8)] decimal? Trigger,
    [property: Id(9)] bool Triggered,
    [property: Id(10)] DateTimeOffset? ExpiresAt,
    [property: Id(11)] long Version = 0)
{
    /// <param name="version">The order's journal sequence: the book keeps newer terms over a retried or late copy of older ones.</param>
    public static RestingTicket From(string orderGrainKey, Order o, long version) => new(orderGrainKey, o.OrderId, o.Symbol, (int)o.Side, (int)o.Type,
        o.Quantity, o.FilledQuantity, o.LimitPrice?.ToDecimal(), o.TriggerPrice?.ToDecimal(), o.IsTriggered, o.ExpiresAt, version);

    public Core.Execution.RestingOrder ToCore() => new(OrderId, Symbol, (OrderSide)Side, (OrderType)Type, Quantity, Filled,
        Limit is { } l ? Price.FromDecimal(l) : null, Trigger is { } t ? Price.FromDecimal(t) : null, Triggered, ExpiresAt, Version);
}
