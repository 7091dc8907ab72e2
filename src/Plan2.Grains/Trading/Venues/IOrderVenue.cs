using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// Where orders go: the paper broker, later the MT5 route. Returns what the venue reported at once
/// (accepted, filled, rejected...) as Core events for the order grain to apply and journal. A
/// simulated venue has no side effect outside this process, so the order grain may journal the
/// placement and the venue's answer in one commit; a real one is sent only after the placement is durable.
/// </summary>
public interface IOrderVenue
{
    string Name { get; }

    bool IsSimulated { get; }

    ValueTask<IReadOnlyList<OrderEvent>> SubmitAsync(Order order, Tick? quote, DateTimeOffset now);

    ValueTask<IReadOnlyList<OrderEvent>> CancelAsync(Order order, DateTimeOffset now);

    ValueTask<IReadOnlyList<OrderEvent>> ReplaceAsync(Order order, OrderUpdateRequested change, Tick? quote, DateTimeOffset now);
}
