namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// What an account remembers of its orders by client order id: every order not closed yet, plus the last
/// <see cref="KeepClosed"/> that closed, each with the last audit sequence booked, its placement time, its venue
/// ticket and its trade ids. Older closed orders are forgotten (<see cref="Trim"/>), so memory follows the open and
/// recent orders, not the account's whole history. A closed order never changes again (the state table has no way out
/// of a closed state), so forgetting it loses nothing: the journal and the order grain still hold it, and
/// <see cref="ForgottenUpTo"/> (the latest placement time among forgotten orders) tells an order the account already
/// booked and forgot from one it never saw (placed after that time).
/// </summary>
public sealed class OrderWindow(int keepClosed = OrderWindow.DefaultKeepClosed)
{
    public const int DefaultKeepClosed = 1_000;

    private readonly Dictionary<string, KeptOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _venueOrders = new(StringComparer.Ordinal); // venue ticket → client order id
    private readonly Queue<string> _closed = new(); // closed orders, oldest close first
    private long _next; // placement ordinal: the blotter's order

    public int KeepClosed { get; } = keepClosed > 0 ? keepClosed : throw new ArgumentOutOfRangeException(nameof(keepClosed), keepClosed, "Keep at least one closed order.");
    /// <summary>Orders remembered now (open ones and the last closed).</summary>
    public int Count => _orders.Count;
    public int VenueTickets => _venueOrders.Count;
    /// <summary>The latest placement time among forgotten orders; null while none was forgotten.</summary>
    public DateTimeOffset? ForgottenUpTo { get; private set; }

    public bool Knows(string clientOrderId) => _orders.ContainsKey(clientOrderId);

    /// <summary>The last audit sequence booked for a remembered order.</summary>
    public bool TryGetSequence(string clientOrderId, out int sequence)
    {
        var known = _orders.TryGetValue(clientOrderId, out var kept);
        sequence = known ? kept!.Sequence : 0;
        return known;
    }

    /// <summary>The client order id of a remembered order by its venue ticket; null if none.</summary>
    public string? ByVenueOrder(string venueOrderId) => _venueOrders.GetValueOrDefault(venueOrderId);

    /// <summary>Whether an order placed at <paramref name="placedAt"/> that is not remembered was booked and forgotten.</summary>
    public bool IsForgotten(string clientOrderId, DateTimeOffset placedAt) =>
        !_orders.ContainsKey(clientOrderId) && ForgottenUpTo is { } upTo && placedAt <= upTo;

    /// <summary>The newest <paramref name="count"/> remembered orders, newest placement first.</summary>
    public IReadOnlyList<string> Recent(int count) =>
        _orders.Values.OrderByDescending(o => o.Ordinal).Take(count).Select(o => o.Id).ToList();

    /// <summary>Remembers an order as its latest booked view shows it (a newer sequence only moves it forward).</summary>
    public void Note(string clientOrderId, int sequence, DateTimeOffset placedAt, bool closed, string? venueOrderId, IEnumerable<string> tradeIds)
    {
        ArgumentNullException.ThrowIfNull(tradeIds);
        if (!_orders.TryGetValue(clientOrderId, out var kept))
            _orders[clientOrderId] = kept = new KeptOrder(clientOrderId, placedAt, _next++);
        kept.Sequence = Math.Max(kept.Sequence, sequence);
        foreach (var t in tradeIds)
            if (!kept.TradeIds.Contains(t))
                kept.TradeIds.Add(t);
        if (venueOrderId is { Length: > 0 })
            _venueOrders[kept.VenueOrderId = venueOrderId] = clientOrderId;
        if (closed && !kept.Closed)
        {
            kept.Closed = true;
            _closed.Enqueue(clientOrderId);
        }
    }

    /// <summary>Forgets the closed orders beyond the last <see cref="KeepClosed"/>; returns them, so the ledger and the book forget them too.</summary>
    public IReadOnlyList<ForgottenOrder> Trim()
    {
        if (_closed.Count <= KeepClosed)
            return [];
        var forgotten = new List<ForgottenOrder>(_closed.Count - KeepClosed);
        while (_closed.Count > KeepClosed)
        {
            var kept = _orders[_closed.Dequeue()];
            _orders.Remove(kept.Id);
            if (kept.VenueOrderId is { } ticket && _venueOrders.GetValueOrDefault(ticket) == kept.Id)
                _venueOrders.Remove(ticket);
            ForgottenUpTo = ForgottenUpTo is { } upTo && upTo > kept.PlacedAt ? upTo : kept.PlacedAt;
            forgotten.Add(new ForgottenOrder(kept.Id, kept.TradeIds));
        }
        return forgotten;
    }

    /// <summary>The window as an account snapshot stores it.</summary>
    public OrderWindowState ToState() => new(ForgottenUpTo, _next,
        _orders.Values.OrderBy(o => o.Ordinal).Select(o => new KeptOrderState(o.Id, o.Sequence, o.PlacedAt, o.Closed, o.VenueOrderId, o.TradeIds.ToList(), o.Ordinal)).ToList(),
        [.. _closed]);

    public static OrderWindow FromState(OrderWindowState state, int keepClosed = DefaultKeepClosed)
    {
        ArgumentNullException.ThrowIfNull(state);
        var window = new OrderWindow(keepClosed) { ForgottenUpTo = state.ForgottenUpTo, _next = state.Next };
        foreach (var o in state.Orders)
        {
            window._orders[o.Id] = new KeptOrder(o.Id, o.PlacedAt, o.Ordinal) { Sequence = o.Sequence, Closed = o.Closed, VenueOrderId = o.VenueOrderId, TradeIds = [.. o.TradeIds] };
            if (o.VenueOrderId is { Length: > 0 } ticket)
                window._venueOrders[ticket] = o.Id;
        }
        foreach (var id in state.ClosedOrder)
            window._closed.Enqueue(id);
        return window;
    }

    private sealed class KeptOrder(string id, DateTimeOffset placedAt, long ordinal)
    {
        public string Id { get; } = id;
        public DateTimeOffset PlacedAt { get; } = placedAt;
        public long Ordinal { get; } = ordinal;
        public int Sequence { get; set; }
        public bool Closed { get; set; }
        public string? VenueOrderId { get; set; }
        public List<string> TradeIds { get; init; } = [];
    }
}

/// <summary>An order the window forgot, with the trades the book may forget with it.</summary>
public sealed record ForgottenOrder(string ClientOrderId, IReadOnlyList<string> TradeIds);

/// <summary>One remembered order as an account snapshot stores it.</summary>
public sealed record KeptOrderState(string Id, int Sequence, DateTimeOffset PlacedAt, bool Closed, string? VenueOrderId, IReadOnlyList<string> TradeIds, long Ordinal);

/// <summary>An <see cref="OrderWindow"/> as an account snapshot stores it.</summary>
public sealed record OrderWindowState(DateTimeOffset? ForgottenUpTo, long Next, IReadOnlyList<KeptOrderState> Orders, IReadOnlyList<string> ClosedOrder);
