using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Trading.Positions;

/// <summary>
/// One account's positions in its <see cref="AccountMode"/>. Books fills exactly once (by trade id),
/// realises P&amp;L on every close at the fill price against the position's average open price,
/// converted from the instrument's quote currency to the account currency through
/// <see cref="CurrencyConverter"/> at booking time and rounded to cents. A refused fill changes nothing.
/// </summary>
public sealed class PositionBook(string accountId, AccountMode mode, string accountCurrency, long firstTicket = 1)
{
    private readonly Dictionary<long, Position> _open = [];
    private readonly List<Position> _closed = [];
    private readonly HashSet<string> _tradeIds = new(StringComparer.Ordinal);
    private long _nextTicket = firstTicket;
    // Closed positions never change again: their totals are kept as they close, so the account's
    // totals cost O(open positions), not O(every trade so far) (a backtest marks equity every bar).
    private decimal _closedRealized, _closedCommission, _closedSwap;
    // Net P&L of the closed positions by strategy: what a strategy's P&L needs of them, kept when a snapshot drops the positions.
    private readonly Dictionary<string, decimal> _closedNetByStrategy = new(StringComparer.Ordinal);

    public string AccountId { get; } = accountId;
    public AccountMode Mode { get; } = mode;
    public string AccountCurrency { get; } = accountCurrency;
    public IReadOnlyCollection<Position> Open => _open.Values;
    /// <summary>The closed positions kept to look at: a long-running account closes without end, and its totals need none.</summary>
    public const int ClosedKept = 1_000;

    /// <summary>The last <see cref="ClosedKept"/> positions reduced to zero, in the order they closed: one row per closed trade.</summary>
    public IReadOnlyList<Position> Closed => _closed;
    public decimal RealizedPnl => _closedRealized + SumOpen(p => p.RealizedPnl);
    public decimal Commission => _closedCommission + SumOpen(p => p.Commission);
    public decimal Swap => _closedSwap + SumOpen(p => p.Swap);
    /// <summary>Realised P&amp;L after commission and swap.</summary>
    public decimal NetRealizedPnl => RealizedPnl + Swap - Commission;

    /// <summary>
    /// A new book holding copies of this one's open positions, its ticket numbers continued: what a later fill acts on.
    /// Closed positions, their totals and the booked trade ids stay behind (a book carried forward in time needs none of them).
    /// </summary>
    public PositionBook CarryOpen()
    {
        var carried = new PositionBook(AccountId, Mode, AccountCurrency, _nextTicket);
        foreach (var (ticket, position) in _open)
            carried._open.Add(ticket, position.Copy());
        return carried;
    }

    /// <summary>Net P&amp;L (after commission and swap) of every position that closed, by the strategy that opened it.</summary>
    public IReadOnlyDictionary<string, decimal> ClosedNetPnlByStrategy => _closedNetByStrategy;

    /// <summary>How many trade ids the book remembers to refuse a fill booked twice.</summary>
    public int TradeIdCount => _tradeIds.Count;

    /// <summary>
    /// Stops remembering trades of orders the account forgot (closed orders outside its window): no fill of them can come
    /// again through the account, which refuses such an order before it reaches the book.
    /// </summary>
    public void ForgetTrades(IEnumerable<string> tradeIds)
    {
        foreach (var id in tradeIds)
            _tradeIds.Remove(id);
    }

    /// <summary>
    /// The book as an account snapshot stores it: open positions, the closed ones' totals (not the positions: they never
    /// change again), the trade ids still remembered and the next ticket.
    /// </summary>
    public PositionBookState ToState() => new(_open.Values.OrderBy(p => p.Ticket).Select(p => p.ToState()).ToList(), _closedRealized, _closedCommission,
        _closedSwap, new Dictionary<string, decimal>(_closedNetByStrategy, StringComparer.Ordinal), _tradeIds.Order(StringComparer.Ordinal).ToList(), _nextTicket);

    public static PositionBook FromState(string accountId, AccountMode mode, string accountCurrency, PositionBookState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var book = new PositionBook(accountId, mode, accountCurrency, state.NextTicket);
        foreach (var p in state.Open)
            book._open.Add(p.Ticket, Position.FromState(p));
        (book._closedRealized, book._closedCommission, book._closedSwap) = (state.ClosedRealized, state.ClosedCommission, state.ClosedSwap);
        foreach (var (strategy, net) in state.ClosedNetByStrategy)
            book._closedNetByStrategy[strategy] = net;
        book._tradeIds.UnionWith(state.TradeIds);
        return book;
    }

    public bool TryGetOpen(long ticket, out Position position) => _open.TryGetValue(ticket, out position!);

    /// <summary>Signed lots in a symbol over all its open positions (long positive).</summary>
    public decimal NetQuantity(string symbol)
    {
        var net = 0m;
        foreach (var p in _open.Values)
            if (p.Symbol == symbol) net += p.SignedQuantity;
        return net;
    }

    public PositionResult Apply(Fill fill, Instrument instrument, CurrencyConverter converter)
    {
        var refusal = CheckFill(fill, instrument);
        if (refusal is { } r)
            return r;
        var target = FindTarget(fill, out var targetRefusal);
        if (targetRefusal is { } tr)
            return tr;
        ConversionRate rate = default;
        if (target is not null && !converter.TryGetRate(instrument.QuoteCurrency, AccountCurrency, out rate))
            return PositionResult.Refused(PositionRefusalReason.NoConversionRate,
                $"No quote converts {instrument.QuoteCurrency} to {AccountCurrency}; cannot realise P&L of {fill.Symbol}.");

        _tradeIds.Add(fill.TradeId);
        if (target is null)
            return PositionResult.Booked(OpenNew(fill, fill.Quantity, fill.Commission, fill.Swap));
        target.BookSwap(fill.Swap); // swap the venue settled with this execution belongs to the position it acts on
        if (target.Side == fill.Side.Opened())
        {
            target.Increase(fill.Quantity, fill.Price);
            target.Charge(fill.Commission);
            return PositionResult.Booked(new PositionChange(null, 0m, 0m, false, target.Ticket, fill.Quantity));
        }
        var closing = Math.Min(fill.Quantity, target.Quantity);
        // In quote currency: lots × contract size × (exit − entry), sign flipped for a short.
        var pnlInQuote = closing * instrument.ContractSize * (fill.Price.ToDecimal() - target.AveragePrice) * target.Side.Sign();
        var pnl = MoneyRounding.Book(rate.Apply(pnlInQuote));
        target.Reduce(closing, fill.Price, pnl, fill.At);
        target.Charge(fill.Commission);
        if (!target.IsOpen)
        {
            _open.Remove(target.Ticket);
            if (_closed.Count == ClosedKept)
                _closed.RemoveAt(0); // the totals below keep what it contributed
            _closed.Add(target);
            _closedRealized += target.RealizedPnl;
            _closedCommission += target.Commission;
            _closedSwap += target.Swap;
            if (target.StrategyId is { } strategy)
                _closedNetByStrategy[strategy] = _closedNetByStrategy.GetValueOrDefault(strategy) + target.NetPnl;
        }
        // A reversal's commission stays with the position it closed; the new one opens clean.
        var rest = fill.Quantity - closing;
        var opened = rest > 0m ? OpenNew(fill, rest, 0m, 0m) : default;
        return PositionResult.Booked(new PositionChange(target.Ticket, closing, pnl, !target.IsOpen, opened.OpenedTicket, rest));
    }

    /// <summary>
    /// Books one rollover's swap on every open position: lots × contract size × swap points × point,
    /// in quote currency, three times on the instrument's triple-swap day, converted and rounded.
    /// All or nothing: a missing instrument or rate refuses the whole rollover.
    /// </summary>
    public PositionResult ApplyRollover(DayOfWeek day, InstrumentCatalog catalog, CurrencyConverter converter)
    {
        var charges = new List<(Position Position, decimal Swap)>(_open.Count);
        foreach (var p in _open.Values)
        {
            if (!catalog.TryGet(p.Symbol, out var instrument))
                return PositionResult.Refused(PositionRefusalReason.UnknownSymbol, $"No instrument for open position {p.Ticket} in '{p.Symbol}'.");
            if (!converter.TryGetRate(instrument.QuoteCurrency, AccountCurrency, out var rate))
                return PositionResult.Refused(PositionRefusalReason.NoConversionRate, $"No quote converts {instrument.QuoteCurrency} to {AccountCurrency} for swap.");
            var points = p.Side == PositionSide.Long ? instrument.SwapLongPoints : instrument.SwapShortPoints;
            var days = day == instrument.TripleSwapDay ? 3 : 1;
            charges.Add((p, MoneyRounding.Book(rate.Apply(p.Quantity * instrument.ContractSize * points * instrument.Point * days))));
        }
        foreach (var (position, swap) in charges)
            position.BookSwap(swap);
        return PositionResult.Booked(default);
    }

    private PositionResult? CheckFill(Fill fill, Instrument instrument)
    {
        if (_tradeIds.Contains(fill.TradeId))
            return PositionResult.Refused(PositionRefusalReason.DuplicateTrade, $"Trade '{fill.TradeId}' is already booked on account '{AccountId}'.");
        if (fill.Quantity <= 0m)
            return PositionResult.Refused(PositionRefusalReason.NonPositiveQuantity, $"Fill quantity must be positive, not {fill.Quantity}.");
        if (!fill.Price.IsPositive)
            return PositionResult.Refused(PositionRefusalReason.NonPositivePrice, $"Fill price must be positive, not {fill.Price}.");
        if (!string.Equals(fill.Symbol, instrument.Symbol, StringComparison.Ordinal))
            return PositionResult.Refused(PositionRefusalReason.InstrumentMismatch, $"Fill in '{fill.Symbol}' booked with instrument '{instrument.Symbol}'.");
        return null;
    }

    /// <summary>The position the fill acts on; null when it opens a new one.</summary>
    private Position? FindTarget(Fill fill, out PositionResult? refusal)
    {
        refusal = null;
        if (Mode == AccountMode.Netting)
        {
            // A ticket on a netting fill is ignored: the symbol's one position is the target, and a
            // fill is a fact to book even if the position was reversed (new ticket) since the order left.
            foreach (var p in _open.Values)
                if (p.Symbol == fill.Symbol) return p;
            return null;
        }
        if (fill.PositionTicket is not { } ticket)
            return null;
        if (!_open.TryGetValue(ticket, out var target))
            refusal = PositionResult.Refused(PositionRefusalReason.UnknownTicket, $"No open position {ticket} on account '{AccountId}'.");
        else if (target.Symbol != fill.Symbol)
            refusal = PositionResult.Refused(PositionRefusalReason.TicketSymbolMismatch, $"Position {ticket} is in {target.Symbol}, not {fill.Symbol}.");
        else if (target.Side == fill.Side.Opened())
            refusal = PositionResult.Refused(PositionRefusalReason.CloseSameSide, $"A {fill.Side} cannot close {target.Side} position {ticket}.");
        else if (fill.Quantity > target.Quantity)
            refusal = PositionResult.Refused(PositionRefusalReason.CloseExceedsPosition, $"Closing {fill.Quantity} lots exceeds the {target.Quantity} open on position {ticket}.");
        return refusal is null ? target : null;
    }

    private PositionChange OpenNew(Fill fill, decimal quantity, decimal commission, decimal swap)
    {
        var position = new Position(_nextTicket++, fill.Symbol, fill.Side.Opened(), quantity, fill.Price, fill.At, fill.StrategyId);
        position.Charge(commission);
        position.BookSwap(swap);
        _open.Add(position.Ticket, position);
        return new PositionChange(null, 0m, 0m, false, position.Ticket, quantity);
    }

    private decimal SumOpen(Func<Position, decimal> amount)
    {
        var total = 0m;
        foreach (var p in _open.Values) total += amount(p);
        return total;
    }
}

/// <summary>A <see cref="PositionBook"/> as an account snapshot stores it.</summary>
public sealed record PositionBookState(IReadOnlyList<PositionState> Open, decimal ClosedRealized, decimal ClosedCommission, decimal ClosedSwap,
    IReadOnlyDictionary<string, decimal> ClosedNetByStrategy, IReadOnlyList<string> TradeIds, long NextTicket);
