using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Tests.Trading.Parity;

/// <summary>What the parity test compares of an order: when it was placed, side, lots, reduce-only, and each fill's time, lots and price.</summary>
internal sealed record RecordedOrder(DateTimeOffset PlacedAt, OrderSide Side, decimal Quantity, bool ReduceOnly, string Fills)
{
    public static string Describe(IEnumerable<(DateTimeOffset At, decimal Quantity, decimal Price)> fills) =>
        string.Join("; ", fills.Select(f => $"{f.At:HH:mm:ss.fff} {f.Quantity:0.########} @ {f.Price:0.########}"));
}

/// <summary>The backtester's route, recorded: every order the runner sends and the fills the venue answers with.</summary>
internal sealed class RecordingRoute(PaperVenue venue) : IOrderRoute
{
    private readonly List<(Order Order, DateTimeOffset At)> _sent = [];
    private readonly Dictionary<string, List<OrderFilled>> _fills = new(StringComparer.Ordinal);

    public void Submit(Order order, DateTimeOffset now, List<OrderEvent> events)
    {
        var from = events.Count;
        venue.Submit(order, now, events);
        _sent.Add((order, now));
        _fills[order.OrderId] = events.Skip(from).OfType<OrderFilled>().ToList();
    }

    public void Cancel(string orderId, DateTimeOffset now, List<OrderEvent> events) => venue.Cancel(orderId, now, events);

    public IReadOnlyList<RecordedOrder> Orders => _sent.Select(s => new RecordedOrder(s.At, s.Order.Side, s.Order.Request.Quantity, s.Order.Request.ReduceOnly,
        RecordedOrder.Describe(_fills[s.Order.OrderId].Select(f => (f.At, f.Quantity, f.Price.ToDecimal()))))).ToList();
}

/// <summary>The backtester's predictions, with the bars they were made on.</summary>
internal sealed class RecordingSource(IPredictionSource inner) : IPredictionSource
{
    public HashSet<long> PredictedBars { get; } = [];

    public Prediction? OnBar(in BarClose bar)
    {
        var p = inner.OnBar(bar);
        if (p is not null)
            PredictedBars.Add(bar.Candle.OpenTimeMs);
        return p;
    }
}
