using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

/// <summary>
/// A simulated venue that fills orders against the quotes it is shown, with no clock of its own:
/// time is the quotes' time (and the caller's "now" on submit, cancel and modify), so live and
/// backtest drive it the same way. The caller moves its <see cref="Order"/> to Submitted, calls
/// <see cref="Submit"/>, feeds every quote to <see cref="OnQuote"/>, and applies the events it gets
/// back (accepted, triggered, filled, canceled, expired, rejected) with <see cref="Order.Apply"/>,
/// booking each fill with <c>Fill.FromOrder</c> into a <c>PositionBook</c>.
/// <para>
/// Rules: an order reaches the venue at submit + <see cref="PaperFillSettings.Latency"/> and is
/// accepted by the first quote at or after that time (the last quote shown, when the order arrives
/// no later than it: without latency a market order fills on the current quote); pricing is <see cref="FillPricing"/>; each
/// quote offers <see cref="PaperFillSettings.DepthPerQuote"/> lots per side, shared by working
/// orders in arrival order, so a larger order fills in parts over later quotes (on the lot step).
/// IOC fills what the arrival quote offers and cancels the rest; FOK fills all on that quote or
/// nothing; a non-marketable IOC or FOK limit is canceled. DAY and GTD orders expire on the first
/// quote at or after their expiry. Not thread-safe: one owner drives it.
/// </para>
/// </summary>
public sealed partial class PaperVenue : IOrderRoute
{
    private readonly PaperFillSettings _settings;
    private readonly decimal _depthPerQuote; // what each quote offers per side, read on every quote
    private readonly InstrumentCatalog _catalog;
    private readonly Dictionary<string, SymbolBook> _bySymbol = new(StringComparer.Ordinal);
    private string? _lastSymbol; // one-entry cache: a replay shows one symbol tick after tick
    private SymbolBook? _lastBook;
    private readonly string _idPrefix;
    private long _venueOrders;
    private long _trades;

    /// <param name="idPrefix">Prefix of venue order ids and trade ids ("P-" gives P-1, P-T1), unique per venue instance that shares a book.</param>
    public PaperVenue(PaperFillSettings settings, InstrumentCatalog catalog, string idPrefix = "P-")
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
            throw new ArgumentException($"Paper fill settings are invalid: {string.Join(" ", errors)}", nameof(settings));
        _settings = settings;
        _depthPerQuote = settings.DepthPerQuote ?? decimal.MaxValue;
        _catalog = catalog;
        _idPrefix = idPrefix;
    }

    public PaperFillSettings Settings => _settings;

    /// <summary>Orders the venue holds, all symbols.</summary>
    public int WorkingCount { get; private set; }

    public bool IsWorking(string orderId) => Find(orderId, out _, out _);

    /// <summary>
    /// Takes a Submitted order. Refusals come back as an <see cref="OrderRejected"/> event: an unknown
    /// symbol, an order not in Submitted status, or an order id already working here.
    /// </summary>
    public void Submit(Order order, DateTimeOffset now, List<OrderEvent> events)
    {
        if (!_catalog.TryGet(order.Symbol, out var instrument))
            events.Add(new OrderRejected(order.OrderId, now, $"The paper venue does not list '{order.Symbol}'."));
        else if (order.Status != OrderStatus.Submitted)
            events.Add(new OrderRejected(order.OrderId, now, $"Only a Submitted order can be sent to the venue, not a {order.Status} one."));
        else if (IsWorking(order.OrderId))
            events.Add(new OrderRejected(order.OrderId, now, $"Order '{order.OrderId}' is already working at the venue."));
        else
        {
            var book = BookOf(order.Symbol);
            var w = new WorkingOrder(order, instrument, (now + _settings.Latency).ToUnixTimeMilliseconds());
            // "The first quote at or after arrival" may be the one already shown (no latency): work it at once.
            if (book.HasQuote && book.Last.TimeMs >= w.ArrivalMs
                && Work(w, book.Last, ref (w.Side == OrderSide.Buy ? ref book.BuyDepthLeft : ref book.SellDepthLeft), events))
                return;
            book.Orders.Add(w);
            WorkingCount++;
        }
    }

    /// <summary>Cancels a working order at once (<see cref="OrderCanceled"/>), or answers <see cref="OrderCancelRejected"/> if none is working.</summary>
    public void Cancel(string orderId, DateTimeOffset now, List<OrderEvent> events)
    {
        if (Find(orderId, out var list, out var index))
        {
            Remove(list, index);
            events.Add(new OrderCanceled(orderId, now));
        }
        else
            events.Add(new OrderCancelRejected(orderId, now, $"Order '{orderId}' is not working at the venue (filled, canceled or never sent)."));
    }

    /// <summary>
    /// Changes a working order's total quantity and prices at once (null keeps a value):
    /// <see cref="OrderUpdated"/>, or <see cref="OrderUpdateRejected"/> when it is not working or the new
    /// quantity is not above what has filled.
    /// </summary>
    public void Modify(string orderId, decimal? quantity, Price? limit, Price? trigger, DateTimeOffset now, List<OrderEvent> events)
    {
        if (!Find(orderId, out var list, out var index))
        {
            events.Add(new OrderUpdateRejected(orderId, now, $"Order '{orderId}' is not working at the venue."));
            return;
        }
        var w = list[index];
        if (quantity is { } q && q <= w.Filled)
        {
            events.Add(new OrderUpdateRejected(orderId, now, $"New quantity {q} must exceed the {w.Filled} already filled."));
            return;
        }
        w.Quantity = quantity ?? w.Quantity;
        w.Limit = limit ?? w.Limit;
        w.Trigger = trigger ?? w.Trigger;
        events.Add(new OrderUpdated(orderId, now, quantity, limit, trigger));
    }

    /// <summary>Shows the venue one quote; appends what happened to its working orders in that symbol.</summary>
    public void OnQuote(string symbol, in Tick quote, List<OrderEvent> events)
    {
        var book = BookOf(symbol);
        book.Last = quote;
        book.HasQuote = true;
        book.BuyDepthLeft = book.SellDepthLeft = _depthPerQuote;
        var list = book.Orders;
        if (list.Count == 0)
            return;
        var kept = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var w = list[i];
            var done = quote.TimeMs >= w.ArrivalMs
                && Work(w, quote, ref (w.Side == OrderSide.Buy ? ref book.BuyDepthLeft : ref book.SellDepthLeft), events);
            if (done)
                WorkingCount--;
            else
                list[kept++] = w;
        }
        list.RemoveRange(kept, list.Count - kept);
    }

    /// <summary>One order against one quote it may trade on; true when the order is no longer working.</summary>
    private bool Work(WorkingOrder w, in Tick quote, ref decimal depthLeft, List<OrderEvent> events)
    {
        var at = quote.Time;
        if (!w.Accepted)
        {
            w.Accepted = true;
            events.Add(new OrderAccepted(w.OrderId, DateTimeOffset.FromUnixTimeMilliseconds(w.ArrivalMs), _idPrefix + (++_venueOrders)));
        }
        if (w.ExpiresAt is { } expiry && at >= expiry)
        {
            events.Add(new OrderExpired(w.OrderId, expiry));
            return true;
        }
        if (w.NeedsTrigger)
        {
            if (!FillPricing.IsTriggered(w.Side, w.Trigger!.Value, quote))
                return false;
            w.Triggered = true;
            events.Add(new OrderTriggered(w.OrderId, at));
        }
        var price = FillPricing.ExecutablePrice(w.Type, w.Side, w.Limit, quote, w.Instrument, _settings);
        var quantity = price is null ? 0m : w.Instrument.FloorToLotStep(Math.Min(w.Leaves, depthLeft));
        if (w.TimeInForce == TimeInForce.Fok && quantity < w.Leaves)
            quantity = 0m; // all or nothing
        if (quantity > 0m)
        {
            depthLeft -= quantity;
            w.Filled += quantity;
            var commission = MoneyRounding.Book(_settings.CommissionPerLot * quantity);
            events.Add(new OrderFilled(w.OrderId, at, _idPrefix + "T" + (++_trades), quantity, price!.Value, commission));
        }
        if (w.Leaves == 0m)
            return true;
        if (!w.IsImmediate)
            return false;
        events.Add(new OrderCanceled(w.OrderId, at)); // IOC rest, or a FOK that could not fill whole
        return true;
    }

    private SymbolBook BookOf(string symbol)
    {
        if (ReferenceEquals(symbol, _lastSymbol))
            return _lastBook!;
        if (!_bySymbol.TryGetValue(symbol, out var book))
            _bySymbol.Add(symbol, book = new SymbolBook());
        (_lastSymbol, _lastBook) = (symbol, book);
        return book;
    }

    private bool Find(string orderId, out List<WorkingOrder> list, out int index)
    {
        foreach (var b in _bySymbol.Values)
            for (int i = 0, n = b.Orders.Count; i < n; i++)
                if (string.Equals(b.Orders[i].OrderId, orderId, StringComparison.Ordinal))
                {
                    list = b.Orders;
                    index = i;
                    return true;
                }
        list = null!;
        index = -1;
        return false;
    }

    private void Remove(List<WorkingOrder> list, int index)
    {
        list.RemoveAt(index);
        WorkingCount--;
    }

    /// <summary>One symbol's working orders, its last quote and the depth that quote has left per side.</summary>
    private sealed class SymbolBook
    {
        public readonly List<WorkingOrder> Orders = [];
        public Tick Last;
        public bool HasQuote;
        public decimal BuyDepthLeft;
        public decimal SellDepthLeft;
    }
}
