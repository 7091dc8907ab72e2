using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Grains.Trading.Orders;

/// <summary>
/// One order as its journal tells it: the Core <see cref="Core.Trading.Orders.Order"/>, the request as
/// placed, its fills with the quote each filled against, and the audit trail (one entry per applied
/// event: time, event, from and to state, cause, actor). <see cref="Record"/> applies a new event and
/// queues its journal entry in <see cref="Pending"/>; <see cref="Replay"/> rebuilds from stored entries.
/// Refused events change nothing and are not journaled.
/// </summary>
internal sealed class OrderHistory
{
    private readonly List<OrderAuditEntry> _audit = [];
    private readonly List<FillView> _fills = [];
    private readonly List<JournalEntry> _pending = [];

    private OrderHistory(string tenant, string accountId, PlaceOrder request, Order order, string? route)
    {
        Route = route;
        Tenant = tenant;
        AccountId = accountId;
        Request = request;
        Order = order;
    }

    public string Tenant { get; }
    public string AccountId { get; }
    public PlaceOrder Request { get; }
    public Order Order { get; }
    public int Sequence { get; private set; }
    /// <summary>Where the order went: null for the default venue (paper), "mt5:TERMINAL" for a terminal.</summary>
    public string? Route { get; }
    public IReadOnlyList<FillView> Fills => _fills;
    public IReadOnlyList<JournalEntry> Pending => _pending;

    /// <summary>A new order from an already validated request; its "placed" entry is queued.</summary>
    public static OrderHistory Place(string tenant, string accountId, string orderId, PlaceOrder request, OrderRequest core, DateTimeOffset at,
        string? route = null, DateTimeOffset? dayEnd = null)
    {
        var history = new OrderHistory(tenant, accountId, request, new Order(orderId, core, at, dayEnd), route);
        history.Append(OrderEventCodec.Placed, at, new JournalPayload { Request = request, By = request.PlacedBy, Cause = "placed", Venue = route, DayEnd = dayEnd },
            OrderState.Initialized, OrderState.Initialized);
        return history;
    }

    public OrderResult Record(OrderEvent e, Actor by, string cause, QuoteView? quote = null)
    {
        var from = (OrderState)Order.Status;
        var result = Order.Apply(e);
        if (!result.IsOk)
            return result;
        var (kind, payload) = OrderEventCodec.Encode(e);
        payload = e is OrderFilled && quote is not null
            ? payload with { By = by, Cause = cause, Bid = quote.Bid, Ask = quote.Ask, QuoteTimeMs = quote.TimeUnixMs }
            : payload with { By = by, Cause = cause };
        Append(kind, e.At, payload, from, (OrderState)Order.Status);
        if (e is OrderFilled f)
            AddFill(f, payload);
        return result;
    }

    public void ClearPending() => _pending.Clear();

    /// <summary>Rebuilds an order from its entries in sequence order; a journal that does not fit the state machine is corrupt and throws.</summary>
    public static OrderHistory Replay(IReadOnlyList<JournalEntry> entries)
    {
        var first = entries[0];
        var placed = JournalPayload.FromJson(first.Payload);
        if (first.Kind != OrderEventCodec.Placed || placed.Request is null)
            throw new InvalidDataException($"Order stream '{first.StreamId}' does not start with a placement.");
        if (!placed.Request.TryToRequest(first.AccountId, out var core, out var error))
            throw new InvalidDataException($"Order stream '{first.StreamId}': {error}");
        var history = new OrderHistory(first.Tenant, first.AccountId, placed.Request, new Order(first.StreamId, core, first.At, placed.DayEnd), placed.Venue);
        history.Audit(first, placed, OrderState.Initialized, OrderState.Initialized);
        foreach (var entry in entries.Skip(1))
            history.ReplayOne(entry);
        return history;
    }

    public void ReplayOne(JournalEntry entry)
    {
        var payload = JournalPayload.FromJson(entry.Payload);
        var e = OrderEventCodec.Decode(Order.OrderId, entry, payload);
        var from = (OrderState)Order.Status;
        var result = Order.Apply(e);
        if (!result.IsOk)
            throw new InvalidDataException($"Journal entry {entry.Sequence} of order '{entry.StreamId}' does not apply: {result}");
        Audit(entry, payload, from, (OrderState)Order.Status);
        if (e is OrderFilled f)
            AddFill(f, payload);
    }

    public OrderView ToView() => new(
        Order.OrderId, Order.ClientOrderId, AccountId, Order.StrategyId, Order.Symbol, Request.Side, Request.Type,
        (OrderState)Order.Status, Order.Quantity, Order.FilledQuantity, Order.AverageFillPrice,
        Order.LimitPrice?.ToDecimal(), Order.TriggerPrice?.ToDecimal(), Order.LastReason, _fills.ToArray(), _audit.ToArray(), Request, Order.VenueOrderId);

    private void Append(string kind, DateTimeOffset at, JournalPayload payload, OrderState from, OrderState to)
    {
        var entry = new JournalEntry(Tenant, AccountId, Order.OrderId, Sequence + 1, at, kind, payload.ToJson());
        _pending.Add(entry);
        Audit(entry, payload, from, to);
    }

    private void Audit(JournalEntry entry, JournalPayload payload, OrderState from, OrderState to)
    {
        Sequence = entry.Sequence;
        _audit.Add(new OrderAuditEntry(entry.Sequence, entry.At, entry.Kind, from, to, payload.Cause ?? "", payload.By ?? new Actor(ActorKind.System, "unknown")));
    }

    private void AddFill(OrderFilled f, JournalPayload p) =>
        _fills.Add(new FillView(f.TradeId, f.At, f.Quantity, f.Price.ToDecimal(), f.Commission,
            new(Order.Symbol, p.QuoteTimeMs ?? 0, p.Bid ?? f.Price.ToDecimal(), p.Ask ?? f.Price.ToDecimal()), f.Swap));
}
