using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Execution;

/// <summary>
/// One strategy trading one symbol on one account, driven by events and nothing else: quotes
/// (<see cref="OnQuote"/>), closed bars with their prediction (<see cref="OnBar"/>) and order events
/// (<see cref="OnOrderEvent"/>). When the strategy's target moves, the runner works out the orders
/// that take the position there (a reduce-only close first, then an open), validates them, runs them
/// through <see cref="RiskEngine"/> and sends the approved ones on its <see cref="IOrderRoute"/>; fills
/// are booked into the account's <see cref="PositionBook"/>, and every position closed becomes a
/// <see cref="ClosedTrade"/>. Swap is booked at each rollover the quotes cross. The time of every
/// action is the latest quote's: the backtester's simulated clock and live time are the same thing here.
/// Not thread-safe: one owner (a grain, the backtester) drives it.
/// </summary>
public sealed partial class StrategyRunner
{
    private readonly Strategy _strategy;
    private readonly TradingAccount _account;
    private readonly IOrderRoute _route;
    private readonly InstrumentCatalog _catalog;
    private readonly Instrument _instrument;
    private readonly QuoteBoard _board = new();
    private readonly CurrencyConverter _converter;
    private readonly RolloverSchedule _rollover;
    private readonly Action<DayOfWeek, DateTimeOffset> _onRollover;
    private readonly DrawdownGuard _strategyGuard;
    private readonly Dictionary<string, Order> _working = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetReason> _orderReasons = new(StringComparer.Ordinal);
    private readonly List<OrderEvent> _events = [];
    private readonly List<ClosedTrade> _trades = [];
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private Tick _last;
    private bool _hasQuote;
    private long _orderCount;

    public StrategyRunner(Strategy strategy, TradingAccount account, IOrderRoute route, InstrumentCatalog catalog, RolloverSchedule? rollover = null)
    {
        if (!catalog.TryGet(strategy.Instrument.Symbol, out var instrument))
            throw new ArgumentException($"The catalog does not list {strategy.Instrument.Symbol}.", nameof(catalog));
        _strategy = strategy;
        _account = account;
        _route = route;
        _catalog = catalog;
        _instrument = instrument;
        _converter = new CurrencyConverter(_board);
        _rollover = rollover ?? RolloverSchedule.Default();
        _onRollover = Rollover;
        _strategyGuard = new DrawdownGuard(account.Limits.MaxStrategyDrawdown, account.InitialBalance);
    }

    public Strategy Strategy => _strategy;
    public TradingAccount Account => _account;
    public IReadOnlyList<ClosedTrade> Trades => _trades;
    /// <summary>Orders refused before reaching the route, by risk reason or validation reason.</summary>
    public IReadOnlyDictionary<string, int> Refusals => _refusals;
    public long OrdersPlaced => _orderCount;
    public bool StrategyHalted => _strategyGuard.Halted;
    public DateTimeOffset Now => _last.Time;

    /// <summary>Every quote of the symbol, after the venue has seen it: rollover, stops and take-profits.</summary>
    public void OnQuote(in Tick quote)
    {
        _last = quote;
        _hasQuote = true;
        _rollover.Advance(quote.TimeMs, _onRollover);
        if (_strategy.OnQuote(quote))
            Rebalance();
    }

    /// <summary>A closed bar (and the prediction made on it, if any): marks equity, asks the strategy, trades the difference.</summary>
    public void OnBar(in BarClose bar, Prediction? prediction = null)
    {
        if (bar.Timeframe == _strategy.Settings.Timeframe && _hasQuote)
            Mark();
        if (_strategy.OnBar(bar, prediction))
            Rebalance();
    }

    /// <summary>An event for one of this runner's orders, from its route (at once or later); others are ignored.</summary>
    public void OnOrderEvent(OrderEvent e)
    {
        if (!_working.TryGetValue(e.OrderId, out var order) || !order.Apply(e).IsOk)
            return;
        if (e is OrderFilled filled)
            Book(order, filled);
        if (order.Status.IsClosed())
        {
            _working.Remove(order.OrderId);
            _orderReasons.Remove(order.OrderId);
        }
    }

    /// <summary>Closes whatever is held at the current quote (end of a backtest); the trade's reason is <paramref name="reason"/>.</summary>
    public void Flatten(TargetReason reason)
    {
        var net = Held();
        if (net != 0m && _hasQuote)
            Close(net, Math.Abs(net), reason);
    }

    /// <summary>
    /// Signed lots this runner holds: on a netting account the symbol's one position (so one runner per
    /// symbol and netting account); on a hedging account the open positions its strategy opened.
    /// </summary>
    public decimal Held()
    {
        if (_account.Book.Mode == AccountMode.Netting)
            return _account.Book.NetQuantity(_instrument.Symbol);
        var net = 0m;
        foreach (var p in _account.Book.Open)
            if (p.Symbol == _instrument.Symbol && p.StrategyId == _strategy.Id) net += p.SignedQuantity;
        return net;
    }

    /// <summary>Equity of the account at the current quote; also feeds the strategy's drawdown guard.</summary>
    public decimal Mark()
    {
        _board.Set(_instrument.Symbol, _last);
        _account.Mark(_catalog, _board, _converter);
        _strategyGuard.MaxDrawdown = _account.Limits.MaxStrategyDrawdown;
        // One strategy per runner: its equity curve is the account's (a shared account would pass its allocation plus its own P&L).
        _strategyGuard.Update(_account.Equity);
        return _account.Equity;
    }

    private void Rebalance()
    {
        foreach (var id in _working.Keys.ToArray())
            Drain(_route.Cancel, id);
        var net = Held();
        var target = _strategy.TargetLots;
        if (target == net || !_hasQuote)
            return;
        var reason = _strategy.Reason;
        // Take risk off first, reduce-only, so that a close is never blocked by limits meant for new risk.
        if (net != 0m && (Math.Sign(target) != Math.Sign(net) || Math.Abs(target) < Math.Abs(net)))
        {
            var close = Math.Sign(target) == Math.Sign(net) ? Math.Abs(net - target) : Math.Abs(net);
            if (!Close(net, close, reason))
                return;
            net -= Math.Sign(net) * close; // as if filled: with latency the close may still be on its way
        }
        var open = target - net;
        if (open != 0m && Math.Sign(open) == Math.Sign(target))
            Place(open > 0m ? OrderSide.Buy : OrderSide.Sell, Math.Abs(open), reduceOnly: false, reason);
    }

    private void Rollover(DayOfWeek day, DateTimeOffset at)
    {
        _board.Set(_instrument.Symbol, _last);
        _account.Book.ApplyRollover(day, _catalog, _converter);
        Mark();
        _account.StartDay();
    }

    private void Drain(Action<string, DateTimeOffset, List<OrderEvent>> action, string orderId)
    {
        action(orderId, _last.Time, _events);
        DrainEvents();
    }

    private void DrainEvents()
    {
        // OnOrderEvent may not add events, but copy first: a live route could call back re-entrantly.
        var pending = _events.ToArray();
        _events.Clear();
        foreach (var e in pending)
            OnOrderEvent(e);
    }
}
