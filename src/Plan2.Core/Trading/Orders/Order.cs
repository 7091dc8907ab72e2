using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Orders;

/// <summary>
/// One order and everything that happened to it. Changes only through <see cref="Apply"/>, which
/// checks the event belongs to this order, refuses a fill already seen (same trade id) or larger
/// than what is left, asks <see cref="OrderStateTable"/> whether the move is legal, and only then
/// changes anything. A refused event leaves the order exactly as it was.
/// </summary>
public sealed class Order
{
    private readonly HashSet<string> _tradeIds = new(StringComparer.Ordinal);
    private decimal _filledValue; // Σ quantity × price of fills, exact, for the average price

    /// <param name="dayEnd">When a DAY order ends (its instrument's <c>TradingHours.DayEnd</c>); the next midnight UTC when not given.</param>
    public Order(string orderId, OrderRequest request, DateTimeOffset createdAt, DateTimeOffset? dayEnd = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        OrderId = orderId;
        Request = request;
        CreatedAt = LastEventAt = createdAt;
        Quantity = request.Quantity;
        LimitPrice = request.LimitPrice;
        TriggerPrice = request.TriggerPrice;
        ExpiresAt = request.TimeInForce switch
        {
            TimeInForce.Gtd => request.ExpireAt,
            TimeInForce.Day => dayEnd ?? Risk.TradingHours.Always.DayEnd(createdAt),
            _ => null,
        };
    }

    public string OrderId { get; }
    /// <summary>The request as placed; current quantity and prices (after updates) are on the order.</summary>
    public OrderRequest Request { get; }
    public string ClientOrderId => Request.ClientOrderId;
    public string AccountId => Request.AccountId;
    public string? StrategyId => Request.StrategyId;
    public string Symbol => Request.Symbol;
    public OrderSide Side => Request.Side;
    public OrderType Type => Request.Type;
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset LastEventAt { get; private set; }
    /// <summary>When a DAY or GTD order stops working; null for the others.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public OrderStatus Status { get; private set; } = OrderStatus.Initialized;
    public decimal Quantity { get; private set; }
    public Price? LimitPrice { get; private set; }
    public Price? TriggerPrice { get; private set; }
    public decimal FilledQuantity { get; private set; }
    public decimal LeavesQuantity => Status.IsClosed() ? 0m : Quantity - FilledQuantity;
    /// <summary>Quantity-weighted price of all fills; null before the first.</summary>
    public decimal? AverageFillPrice => FilledQuantity > 0m ? _filledValue / FilledQuantity : null;
    public decimal Commission { get; private set; }
    public bool IsTriggered { get; private set; }
    public string? VenueOrderId { get; private set; }
    /// <summary>The last denial, rejection or refused request's reason from the venue or risk.</summary>
    public string? LastReason { get; private set; }
    public IReadOnlyCollection<string> TradeIds => _tradeIds;

    /// <summary>Where a confirmed or refused pending request returns the order to.</summary>
    public OrderStatus ResumeStatus =>
        FilledQuantity > 0m ? OrderStatus.PartiallyFilled : IsTriggered ? OrderStatus.Triggered : OrderStatus.Accepted;

    public bool IsDueToExpire(DateTimeOffset now) => ExpiresAt is { } at && now >= at && Status.IsWorking();

    /// <summary>Whether <paramref name="e"/> would be applied, without changing anything.</summary>
    public OrderResult Check(OrderEvent e) => Check(e, out _);

    public OrderResult Apply(OrderEvent e)
    {
        var result = Check(e, out var next);
        if (!result.IsOk)
            return result;
        Status = next;
        LastEventAt = e.At;
        switch (e)
        {
            case OrderAccepted a: VenueOrderId = a.VenueOrderId; break;
            case OrderDenied d: LastReason = d.Reason; break;
            case OrderRejected r: LastReason = r.Reason; break;
            case OrderUpdateRejected r: LastReason = r.Reason; break;
            case OrderCancelRejected r: LastReason = r.Reason; break;
            case OrderTriggered: IsTriggered = true; break;
            case OrderUpdated u:
                Quantity = u.Quantity ?? Quantity;
                LimitPrice = u.LimitPrice ?? LimitPrice;
                TriggerPrice = u.TriggerPrice ?? TriggerPrice;
                break;
            case OrderFilled f:
                _tradeIds.Add(f.TradeId);
                FilledQuantity += f.Quantity;
                _filledValue += f.Quantity * f.Price.ToDecimal();
                Commission += f.Commission;
                break;
        }
        return OrderResult.Ok;
    }

    private OrderResult Check(OrderEvent e, out OrderStatus next)
    {
        next = Status;
        if (!string.Equals(e.OrderId, OrderId, StringComparison.Ordinal))
            return OrderResult.Refused(OrderRefusalReason.WrongOrder, $"Event for order '{e.OrderId}' applied to order '{OrderId}'.");
        var facts = CheckFacts(e);
        if (!facts.IsOk)
            return facts;
        var kind = KindOf(e);
        if (OrderStateTable.TryNext(Status, kind, ResumeStatus, out next))
            return OrderResult.Ok;
        return Status.IsClosed()
            ? OrderResult.Refused(OrderRefusalReason.OrderClosed, $"Order '{OrderId}' is {Status}; it cannot {kind.AsAction()} any more.")
            : OrderResult.Refused(OrderRefusalReason.IllegalTransition, $"Order '{OrderId}' cannot {kind.AsAction()} while {Status}.");
    }

    private OrderResult CheckFacts(OrderEvent e) => e switch
    {
        OrderFilled f when _tradeIds.Contains(f.TradeId) =>
            OrderResult.Refused(OrderRefusalReason.DuplicateTrade, $"Trade '{f.TradeId}' was already applied to order '{OrderId}'."),
        OrderFilled f when f.Quantity <= 0m =>
            OrderResult.Refused(OrderRefusalReason.NonPositiveQuantity, $"Fill quantity must be positive, not {f.Quantity}."),
        OrderFilled f when !f.Price.IsPositive =>
            OrderResult.Refused(OrderRefusalReason.NonPositivePrice, $"Fill price must be positive, not {f.Price}."),
        OrderFilled f when f.Quantity > Quantity - FilledQuantity && !Status.IsClosed() =>
            OrderResult.Refused(OrderRefusalReason.Overfill, $"Fill of {f.Quantity} exceeds the {Quantity - FilledQuantity} left on order '{OrderId}'."),
        OrderTriggered when Type is OrderType.Market or OrderType.Limit =>
            OrderResult.Refused(OrderRefusalReason.IllegalTransition, $"Order '{OrderId}' is a {Type} order; only stop orders trigger."),
        OrderUpdateRequested u => CheckUpdate(u.Quantity, u.LimitPrice, u.TriggerPrice),
        OrderUpdated u => CheckUpdate(u.Quantity, u.LimitPrice, u.TriggerPrice),
        _ => OrderResult.Ok,
    };

    private OrderResult CheckUpdate(decimal? quantity, Price? limit, Price? trigger)
    {
        if (quantity is { } q && q <= FilledQuantity)
            return OrderResult.Refused(OrderRefusalReason.UpdateBelowFilled, $"New quantity {q} must exceed the {FilledQuantity} already filled.");
        if (limit is not null && Type is not (OrderType.Limit or OrderType.StopLimit))
            return OrderResult.Refused(OrderRefusalReason.UnexpectedPrice, $"A {Type} order has no limit price to change.");
        if (trigger is not null && Type is not (OrderType.Stop or OrderType.StopLimit))
            return OrderResult.Refused(OrderRefusalReason.UnexpectedPrice, $"A {Type} order has no trigger price to change.");
        if (limit is { IsPositive: false } || trigger is { IsPositive: false })
            return OrderResult.Refused(OrderRefusalReason.NonPositivePrice, "Updated prices must be positive.");
        return OrderResult.Ok;
    }

    private OrderEventKind KindOf(OrderEvent e) => e switch
    {
        OrderDenied => OrderEventKind.Deny,
        OrderSubmitted => OrderEventKind.Submit,
        OrderAccepted => OrderEventKind.Accept,
        OrderRejected => OrderEventKind.Reject,
        OrderUpdateRequested => OrderEventKind.RequestUpdate,
        OrderUpdated => OrderEventKind.Update,
        OrderUpdateRejected => OrderEventKind.RejectUpdate,
        OrderCancelRequested => OrderEventKind.RequestCancel,
        OrderCancelRejected => OrderEventKind.RejectCancel,
        OrderTriggered => OrderEventKind.Trigger,
        OrderFilled f => f.Quantity < Quantity - FilledQuantity ? OrderEventKind.FillPart : OrderEventKind.FillRest,
        OrderCanceled => OrderEventKind.Cancel,
        OrderExpired => OrderEventKind.Expire,
        _ => throw new ArgumentException($"Unknown order event {e.GetType().Name}.", nameof(e)),
    };
}
