namespace Plan2.MarketData.Bridge;

/// <summary>
/// The trade server behind the C# twin: a netting account with order and deal tickets, pending orders,
/// positions and a deal history, so tests can play accept, reject, partial fills, fills while the bridge
/// is down and terminal-side cancels, and the twin can answer SNAPSHOT_REQUEST as the EA does from
/// OrdersTotal, PositionsTotal and HistorySelect. Times are UTC (a broker on UTC). Thread-safe.
/// </summary>
public sealed class TwinTradeServer(ulong login, TimeProvider? time = null)
{
    private readonly object _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<ulong, Pending> _orders = [];
    private readonly Dictionary<string, (decimal Signed, double Price)> _positions = new(StringComparer.Ordinal);
    private readonly List<FillMessage> _deals = [];
    private ulong _lastOrder = 5_000_000, _lastDeal = 9_000_000;

    public ulong Login { get; } = login;

    /// <summary>How the next ORDER is answered; change it between orders.</summary>
    public TwinOrderBehaviour Behaviour { get; set; } = TwinOrderBehaviour.Fill;

    /// <summary>Where market orders fill.</summary>
    public double MarketPrice { get; set; } = 1.1;

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

    /// <summary>The ORDER_RESULT (null when it is lost) and the deals (FILLs to send after it) for one ORDER.</summary>
    public (OrderResultMessage? Result, IReadOnlyList<FillMessage> Fills) Place(OrderCommand order)
    {
        lock (_gate)
        {
            var (result, fills) = PlaceLocked(order, Behaviour);
            return (Behaviour.Answers ? result : null, fills);
        }
    }

    private (OrderResultMessage Result, IReadOnlyList<FillMessage> Fills) PlaceLocked(OrderCommand order, TwinOrderBehaviour behaviour)
    {
        if (!Mt5Retcode.IsSuccess(behaviour.Retcode))
            return (new OrderResultMessage(order.ClientOrderId, order.Symbol, behaviour.Retcode, 0, 0, 0, 0, behaviour.Message), []);
        var ticket = ++_lastOrder;
        var price = order.OrderType == BridgeOrderType.Market ? MarketPrice : order.Price.ToDouble();
        var pending = new Pending(ticket, order, order.Volume);
        if (behaviour.FillParts <= 0)
        {
            _orders[ticket] = pending;
            return (new OrderResultMessage(order.ClientOrderId, order.Symbol, behaviour.Retcode, ticket, 0, price, (double)order.Volume, behaviour.Message), []);
        }
        var fills = new List<FillMessage>();
        var part = Math.Floor(order.Volume / behaviour.FillParts * 100m) / 100m;
        for (var i = 0; i < behaviour.FillParts; i++)
            fills.Add(Deal(pending, i == behaviour.FillParts - 1 ? pending.Left : part, price));
        return (new OrderResultMessage(order.ClientOrderId, order.Symbol, behaviour.Retcode, ticket, fills[0].DealTicket, price,
            (double)order.Volume, behaviour.Message), fills);
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

    private FillMessage Deal(Pending order, decimal volume, double price)
    {
        if (volume <= 0m || volume > order.Left)
            throw new ArgumentOutOfRangeException(nameof(volume), $"Order {order.Ticket} has {order.Left} left, not {volume}.");
        order.Left -= volume;
        var c = order.Command;
        var signed = c.Side == BridgeOrderSide.Buy ? volume : -volume;
        var held = _positions.GetValueOrDefault(c.Symbol);
        _positions[c.Symbol] = (held.Signed + signed, held.Signed == 0m ? price : held.Price);
        var deal = new FillMessage(++_lastDeal, order.Ticket, order.Ticket, _time.GetUtcNow().ToUnixTimeMilliseconds(), price, (double)volume,
            c.Side, c.ClientOrderId, c.Symbol);
        _deals.Add(deal);
        return deal;
    }

    private sealed class Pending(ulong ticket, OrderCommand command, decimal left)
    {
        public ulong Ticket { get; } = ticket;
        public OrderCommand Command { get; } = command;
        public decimal Left { get; set; } = left;
    }
}
