using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Execution;

/// <summary>
/// Drives a <see cref="PaperVenue"/> as a grain or the backtester does: submit orders, show quotes,
/// apply every event to its order (each must be legal) and book fills into a netting book.
/// </summary>
internal sealed class VenueHarness(PaperFillSettings settings)
{
    private readonly Dictionary<string, Order> _orders = [];
    private readonly QuoteBoard _quotes = new();
    private readonly List<OrderEvent> _events = [];

    public PaperVenue Venue { get; } = new(settings, Catalog());
    public PositionBook Book { get; } = new("ACC-1", AccountMode.Netting, "USD");
    public List<OrderEvent> Log { get; } = [];

    public Order Submit(string id, OrderRequest request, DateTimeOffset? at = null)
    {
        var order = new Order(id, request with { ClientOrderId = "C-" + id }, at ?? T0);
        Assert.True(order.Apply(new OrderSubmitted(id, at ?? T0)).IsOk);
        _orders[id] = order;
        Venue.Submit(order, at ?? T0, _events);
        Drain();
        return order;
    }

    /// <summary>A quote <paramref name="ms"/> milliseconds after T0.</summary>
    public IReadOnlyList<OrderEvent> Quote(int ms, string bid, string ask)
    {
        var tick = Plan2.Core.Tests.Trading.TestMarket.Quote(bid, ask, T0.AddMilliseconds(ms));
        _quotes.Set("EURUSD", tick);
        Venue.OnQuote("EURUSD", tick, _events);
        return Drain();
    }

    public IReadOnlyList<OrderEvent> Cancel(string id)
    {
        Assert.True(_orders[id].Apply(new OrderCancelRequested(id, T0)).IsOk);
        Venue.Cancel(id, T0, _events);
        return Drain();
    }

    public IReadOnlyList<OrderFilled> Fills => Log.OfType<OrderFilled>().ToList();

    private List<OrderEvent> Drain()
    {
        var drained = new List<OrderEvent>(_events);
        _events.Clear();
        foreach (var e in drained)
        {
            var order = _orders[e.OrderId];
            var applied = order.Apply(e);
            Assert.True(applied.IsOk, $"{e} on {order.Status}: {applied}");
            if (e is OrderFilled f)
                Assert.True(Book.Apply(Fill.FromOrder(order, f), EurUsd, new CurrencyConverter(_quotes)).IsOk);
            Log.Add(e);
        }
        return drained;
    }
}
