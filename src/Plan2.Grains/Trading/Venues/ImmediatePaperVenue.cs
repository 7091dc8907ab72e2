using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// A minimal paper broker: a marketable order (market, or a limit at or through the touch) fills at
/// once in full at the quote's ask (buy) or bid (sell), so the spread is paid; anything else rests,
/// accepted, and IOC/FOK that cannot fill now are canceled. Stop orders rest untriggered. Stand-in
/// until the Core paper fill model (latency, slippage, partial fills by depth) is on main: this class
/// then becomes a thin adapter over it behind the same <see cref="IOrderVenue"/>.
/// </summary>
public sealed class ImmediatePaperVenue(decimal commissionPerLot = 0m) : IOrderVenue
{
    public string Name => "paper";

    public bool IsSimulated => true;

    public ValueTask<IReadOnlyList<OrderEvent>> SubmitAsync(Order order, Tick? quote, DateTimeOffset now)
    {
        if (quote is not { } q || !q.Bid.IsPositive || !q.Ask.IsPositive)
            return Result(new OrderRejected(order.OrderId, now, $"The paper broker has no quote for {order.Symbol}."));
        var events = new List<OrderEvent> { new OrderAccepted(order.OrderId, now, "paper-" + order.OrderId) };
        if (TryFillPrice(order.Side, order.Type, order.LimitPrice, q, out var price))
            events.Add(Fill(order, price, now));
        else if (order.Request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
            events.Add(new OrderCanceled(order.OrderId, now));
        return Result([.. events]);
    }

    public ValueTask<IReadOnlyList<OrderEvent>> CancelAsync(Order order, DateTimeOffset now) =>
        Result(new OrderCanceled(order.OrderId, now));

    public ValueTask<IReadOnlyList<OrderEvent>> ReplaceAsync(Order order, OrderUpdateRequested change, Tick? quote, DateTimeOffset now)
    {
        var events = new List<OrderEvent> { new OrderUpdated(order.OrderId, now, change.Quantity, change.LimitPrice, change.TriggerPrice) };
        var limit = change.LimitPrice ?? order.LimitPrice;
        if (quote is { } q && TryFillPrice(order.Side, order.Type, limit, q, out var price))
        {
            var quantity = (change.Quantity ?? order.Quantity) - order.FilledQuantity;
            events.Add(new OrderFilled(order.OrderId, now, TradeId(order), quantity, price, commissionPerLot * quantity));
        }
        return Result([.. events]);
    }

    private OrderFilled Fill(Order order, Price price, DateTimeOffset now)
    {
        var quantity = order.Quantity - order.FilledQuantity;
        return new OrderFilled(order.OrderId, now, TradeId(order), quantity, price, commissionPerLot * quantity);
    }

    private static string TradeId(Order order) => $"{order.OrderId}#{order.TradeIds.Count + 1}";

    private static bool TryFillPrice(OrderSide side, OrderType type, Price? limit, Tick quote, out Price price)
    {
        price = side == OrderSide.Buy ? quote.Ask : quote.Bid;
        return type switch
        {
            OrderType.Market => true,
            OrderType.Limit when limit is { } l => side == OrderSide.Buy ? l >= quote.Ask : l <= quote.Bid,
            _ => false,
        };
    }

    private static ValueTask<IReadOnlyList<OrderEvent>> Result(params OrderEvent[] events) => ValueTask.FromResult<IReadOnlyList<OrderEvent>>(events);
}
