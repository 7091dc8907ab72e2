namespace Plan2.MarketData.Bridge;

/// <summary>
/// The trade server behind the C# twin: a netting account with order and deal tickets, pending orders,
/// positions and a deal history, so tests can play accept, reject, partial fills, fills while the bridge
/// is down and terminal-side cancels, and the twin can answer SNAPSHOT_REQUEST as the EA does from
/// OrdersTotal, PositionsTotal and HistorySelect. Version 4: stop-limit orders that trigger, DAY/GTD orders
/// that expire, IOC and FOK market orders against <see cref="Depth"/>, CANCEL and MODIFY, and each deal's
/// commission, fee and swap. Times are UTC (a broker on UTC). Thread-safe.
/// </summary>
public sealed partial class TwinTradeServer(ulong login, TimeProvider? time = null)
{
    private readonly object _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<ulong, Pending> _orders = [];
    private readonly Dictionary<string, (decimal Signed, double Price)> _positions = new(StringComparer.Ordinal);
    private readonly List<FillMessage> _deals = [];
    private readonly List<OrderCommand> _received = [];
    private ulong _lastOrder = 5_000_000, _lastDeal = 9_000_000;

    public ulong Login { get; } = login;

    /// <summary>How the next ORDER is answered; change it between orders.</summary>
    public TwinOrderBehaviour Behaviour { get; set; } = TwinOrderBehaviour.Fill;

    /// <summary>Where market orders fill.</summary>
    public double MarketPrice { get; set; } = 1.1;

    /// <summary>Lots a market order can fill at once (null: any); IOC fills up to it and cancels the rest, FOK is refused beyond it.</summary>
    public decimal? Depth { get; set; }

    /// <summary>DEAL_COMMISSION per lot of every deal, as a charge (reported negative, as MT5 does).</summary>
    public decimal CommissionPerLot { get; set; }

    /// <summary>DEAL_FEE of every deal, as a charge (reported negative).</summary>
    public decimal FeePerDeal { get; set; }

    /// <summary>DEAL_SWAP of a deal that reduces a position: the swap the position accrued (negative: paid).</summary>
    public decimal SwapOnClose { get; set; }

    /// <summary>False: CANCEL and MODIFY are carried out but their REQUEST_RESULT is lost on the way back.</summary>
    public bool AnswersRequests { get; set; } = true;

    /// <summary>At most this many deals per snapshot (the EA's cap); more sets the truncated flag.</summary>
    public int MaxSnapshotDeals { get; set; } = 1000;

    public IReadOnlyList<FillMessage> Deals
    {
        get
        {
            lock (_gate)
                return [.. _deals];
        }
    }

    /// <summary>Every ORDER the terminal was sent, as it read it.</summary>
    public IReadOnlyList<OrderCommand> Received
    {
        get
        {
            lock (_gate)
                return [.. _received];
        }
    }

    /// <summary>The pending order of this client order id as the terminal holds it now (after modifies and triggers); null when none.</summary>
    public OrderCommand? Held(string clientOrderId)
    {
        lock (_gate)
            return _orders.Values.SingleOrDefault(o => o.Command.ClientOrderId == clientOrderId)?.Command;
    }

    /// <summary>The ORDER_RESULT (null when it is lost), the deals (FILLs to send after it) and order events (after those) for one ORDER.</summary>
    public TwinPlacement Place(OrderCommand order)
    {
        lock (_gate)
        {
            _received.Add(order);
            var placement = PlaceLocked(order, Behaviour);
            return Behaviour.Answers ? placement : placement with { Result = null };
        }
    }

    private TwinPlacement PlaceLocked(OrderCommand order, TwinOrderBehaviour behaviour)
    {
        if (!Mt5Retcode.IsSuccess(behaviour.Retcode))
            return new(Rejected(order, behaviour.Retcode, behaviour.Message), [], []);
        if (order.Validate() is { Count: > 0 } errors)
            return new(Rejected(order, Mt5Retcode.Invalid, string.Join("; ", errors)), [], []);
        var market = order.OrderType == BridgeOrderType.Market;
        var fillable = market && Depth is { } depth ? Math.Min(depth, order.Volume) : order.Volume;
        if (order.TimeInForce == BridgeTimeInForce.Fok && fillable < order.Volume)
            return new(Rejected(order, Mt5Retcode.Reject, $"fill or kill: only {fillable} of {order.Volume} lots available"), [], []);
        var ticket = ++_lastOrder;
        var price = market ? MarketPrice : order.Price.ToDouble();
        var pending = new Pending(ticket, order, order.Volume);
        if (behaviour.FillParts <= 0)
        {
            _orders[ticket] = pending;
            return new(new OrderResultMessage(order.ClientOrderId, order.Symbol, behaviour.Retcode, ticket, 0, price, (double)order.Volume, behaviour.Message), [], []);
        }
        var parts = Math.Max(1, behaviour.FillParts);
        var fills = new List<FillMessage>();
        var part = Math.Floor(fillable / parts * 100m) / 100m;
        for (var i = 0; i < parts; i++)
            fills.Add(Deal(pending, i == parts - 1 ? fillable - part * (parts - 1) : part, price));
        var events = new List<OrderEventMessage>();
        if (pending.Left > 0m) // an IOC's unfilled rest is canceled at once, as the server does
            events.Add(Event(BridgeOrderEventKind.Canceled, pending, "immediate or cancel: the rest was canceled"));
        var retcode = pending.Left > 0m ? Mt5Retcode.DonePartial : behaviour.Retcode;
        return new(new OrderResultMessage(order.ClientOrderId, order.Symbol, retcode, ticket, fills[0].DealTicket, price,
            (double)fillable, behaviour.Message), fills, events);
    }

    /// <summary>Fills (part of) a resting order now, e.g. while the bridge is down; send the deal with the client.</summary>
    public FillMessage Fill(string clientOrderId, decimal volume, double price)
    {
        lock (_gate)
        {
            var pending = _orders.Values.Single(o => o.Command.ClientOrderId == clientOrderId);
            var deal = Deal(pending, volume, price);
            if (pending.Left <= 0m)
                _orders.Remove(pending.Ticket);
            return deal;
        }
    }

    /// <summary>The terminal cancels a resting order on its own (a person, an expiry): no deal, no report.</summary>
    public void Cancel(string clientOrderId)
    {
        lock (_gate)
            _orders.Remove(_orders.Values.Single(o => o.Command.ClientOrderId == clientOrderId).Ticket);
    }

    public TradeSnapshotMessage Snapshot(long sinceMs)
    {
        lock (_gate)
        {
            var deals = _deals.Where(d => d.TimeMs >= sinceMs).OrderBy(d => d.TimeMs).ThenBy(d => d.DealTicket).ToList();
            var orders = _orders.Values.Select(o => new SnapshotOrder(o.Ticket, (double)o.Command.Volume, (double)o.Left,
                o.Command.Price.ToDouble(), o.Command.Side, o.Command.OrderType, o.Command.ClientOrderId, o.Command.Symbol)).ToList();
            var positions = _positions.Where(p => p.Value.Signed != 0m).Select((p, i) => new SnapshotPosition((ulong)(7_000_000 + i),
                (double)Math.Abs(p.Value.Signed), p.Value.Price, p.Value.Signed > 0 ? BridgeOrderSide.Buy : BridgeOrderSide.Sell, p.Key)).ToList();
            return new TradeSnapshotMessage(Login, _time.GetUtcNow().ToUnixTimeMilliseconds(), sinceMs, deals.Count > MaxSnapshotDeals,
                orders, positions, deals.Take(MaxSnapshotDeals).ToList());
        }
    }

    private static OrderResultMessage Rejected(OrderCommand order, uint retcode, string message) =>
        new(order.ClientOrderId, order.Symbol, retcode, 0, 0, 0, 0, message);

    private FillMessage Deal(Pending order, decimal volume, double price)
    {
        if (volume <= 0m || volume > order.Left)
            throw new ArgumentOutOfRangeException(nameof(volume), $"Order {order.Ticket} has {order.Left} left, not {volume}.");
        order.Left -= volume;
        var c = order.Command;
        var signed = c.Side == BridgeOrderSide.Buy ? volume : -volume;
        var held = _positions.GetValueOrDefault(c.Symbol);
        var reduces = held.Signed != 0m && Math.Sign(held.Signed) != Math.Sign(signed);
        _positions[c.Symbol] = (held.Signed + signed, held.Signed == 0m ? price : held.Price);
        var deal = new FillMessage(++_lastDeal, order.Ticket, order.Ticket, _time.GetUtcNow().ToUnixTimeMilliseconds(), price, (double)volume,
            c.Side, c.ClientOrderId, c.Symbol, Commission: (double)-Math.Round(CommissionPerLot * volume, 2), Swap: reduces ? (double)SwapOnClose : 0,
            Fee: (double)-FeePerDeal);
        _deals.Add(deal);
        return deal;
    }

    private OrderEventMessage Event(BridgeOrderEventKind kind, Pending order, string message) =>
        new(kind, order.Ticket, _time.GetUtcNow().ToUnixTimeMilliseconds(), (double)order.Left, order.Command.ClientOrderId, order.Command.Symbol, message);

    private sealed class Pending(ulong ticket, OrderCommand command, decimal left)
    {
        public ulong Ticket { get; } = ticket;
        public OrderCommand Command { get; set; } = command;
        public decimal Left { get; set; } = left;
    }
}

/// <summary>What the twin's trade server answers to one ORDER: the ORDER_RESULT (null: lost), then the deals, then order events.</summary>
public sealed record TwinPlacement(OrderResultMessage? Result, IReadOnlyList<FillMessage> Fills, IReadOnlyList<OrderEventMessage> Events)
{
    public void Deconstruct(out OrderResultMessage? result, out IReadOnlyList<FillMessage> fills) => (result, fills) = (Result, Fills);
}
