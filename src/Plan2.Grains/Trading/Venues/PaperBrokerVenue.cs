using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// The paper broker: a thin adapter over the Core <see cref="PaperVenue"/> (spread always paid,
/// slippage, commission, depth per quote) that shows a new order the quote risk approved it on,
/// restamped at submit + latency as its arrival quote. What that quote fills is reported at once;
/// what it leaves (a resting limit, an untriggered stop, the rest of an order larger than the depth)
/// the order grain hands to the symbol's <see cref="IPaperBookGrain"/>, which works it against later
/// ticks. Cancel is immediate; a replace applies at once and fills what the quote allows.
/// </summary>
public sealed class PaperBrokerVenue(PaperFillSettings settings, InstrumentCatalog catalog) : IOrderVenue
{
    public string Name => "paper";

    public bool IsSimulated => true;

    public ValueTask<IReadOnlyList<OrderEvent>> SubmitAsync(Order order, Tick? quote, DateTimeOffset now)
    {
        var events = new List<OrderEvent>();
        if (quote is not { } q || !q.Bid.IsPositive || !q.Ask.IsPositive)
        {
            events.Add(new OrderRejected(order.OrderId, now, $"The paper broker has no quote for {order.Symbol}."));
            return Result(events);
        }
        var venue = new PaperVenue(settings, catalog, idPrefix: order.OrderId + "-");
        venue.Submit(order, now, events);
        var arrival = q with { TimeMs = (now + settings.Latency).ToUnixTimeMilliseconds() };
        venue.OnQuote(order.Symbol, arrival, events);
        return Result(events);
    }

    public ValueTask<IReadOnlyList<OrderEvent>> CancelAsync(Order order, DateTimeOffset now) =>
        Result([new OrderCanceled(order.OrderId, now)]);

    public ValueTask<IReadOnlyList<OrderEvent>> ReplaceAsync(Order order, OrderUpdateRequested change, Tick? quote, DateTimeOffset now)
    {
        var events = new List<OrderEvent> { new OrderUpdated(order.OrderId, now, change.Quantity, change.LimitPrice, change.TriggerPrice) };
        var limit = change.LimitPrice ?? order.LimitPrice;
        if (quote is { } q && order.Type is OrderType.Market or OrderType.Limit && catalog.TryGet(order.Symbol, out var instrument)
            && FillPricing.ExecutablePrice(order.Type, order.Side, limit, q, instrument, settings) is { } price)
        {
            var quantity = (change.Quantity ?? order.Quantity) - order.FilledQuantity;
            var tradeId = $"{order.OrderId}-R{order.TradeIds.Count + 1}";
            events.Add(new OrderFilled(order.OrderId, now, tradeId, quantity, price, Core.Trading.Money.MoneyRounding.Book(settings.CommissionPerLot * quantity)));
        }
        return Result(events);
    }

    private static ValueTask<IReadOnlyList<OrderEvent>> Result(List<OrderEvent> events) => ValueTask.FromResult<IReadOnlyList<OrderEvent>>(events);
}
