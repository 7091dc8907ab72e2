using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

/// <summary>
/// Where a runner's orders go. The paper venue answers at once by appending events; a live route
/// (the order grains) may append nothing and deliver the events later through
/// <see cref="StrategyRunner.OnOrderEvent"/>. Either way the runner sees the same events in the same order.
/// </summary>
public interface IOrderRoute
{
    void Submit(Order order, DateTimeOffset now, List<OrderEvent> events);
    void Cancel(string orderId, DateTimeOffset now, List<OrderEvent> events);
}
