using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// One trading account's books: deposits, positions (<see cref="PositionBook"/>), its orders by client
/// order id and which of them still work, its kill switch and own limits, and what risk needs to know
/// (<see cref="RiskState"/>). The account grain feeds it live; a rebuild feeds it the journal in order,
/// so both reach the same state. Fills are booked at the rate of the quote they filled against (passed
/// with the fill), never today's, so a rebuild books exactly what was booked live.
/// </summary>
public sealed class AccountLedger(string accountId, AccountMode mode, string currency)
{
    private readonly HashSet<string> _orders = new(StringComparer.Ordinal); // client order ids
    private readonly HashSet<string> _working = new(StringComparer.Ordinal); // client order ids
    private DateOnly _day;
    private decimal _realizedBeforeDay;
    private int _orderCount; // every order ever tracked, also those forgotten since

    public string AccountId { get; } = accountId;
    public string Currency { get; } = currency;
    public PositionBook Book { get; private set; } = new(accountId, mode, currency);
    public SubmitRateWindow SubmitWindow { get; } = new();
    public decimal Deposits { get; private set; }
    public bool KillSwitch { get; set; }
    public RiskLimitOverrides Limits { get; set; } = RiskLimitOverrides.None;
    public decimal EquityHighWaterMark { get; private set; }
    public int OrderCount => _orderCount;
    public IReadOnlyCollection<string> WorkingOrders => _working;
    /// <summary>Deposits plus realised P&amp;L after commission and swap.</summary>
    public decimal Cash => Deposits + Book.NetRealizedPnl;

    public void Deposit(decimal amount)
    {
        if (amount < 0m)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A deposit must not be negative.");
        Deposits += amount;
        EquityHighWaterMark = Math.Max(EquityHighWaterMark, Cash);
    }

    public bool Knows(string clientOrderId) => _orders.Contains(clientOrderId);

    /// <summary>Records an order (new, or changed) and whether it still works at the venue.</summary>
    public void Track(string clientOrderId, OrderStatus status)
    {
        if (_orders.Add(clientOrderId))
            _orderCount++;
        if (status.IsWorking()) _working.Add(clientOrderId);
        else _working.Remove(clientOrderId);
    }

    /// <summary>
    /// Stops knowing a closed order (the account keeps a window of them: <see cref="OrderWindow"/>); it still counts in
    /// <see cref="OrderCount"/>. A working order is never forgotten.
    /// </summary>
    public void Forget(string clientOrderId)
    {
        if (_working.Contains(clientOrderId))
            throw new InvalidOperationException($"Order '{clientOrderId}' still works; only a closed order may be forgotten.");
        _orders.Remove(clientOrderId);
    }

    /// <summary>The ledger as an account snapshot stores it (the limits and kill switch come from the account's own events).</summary>
    public LedgerState ToState() => new(Deposits, EquityHighWaterMark, _day, _realizedBeforeDay, _orderCount,
        _orders.Order(StringComparer.Ordinal).ToList(), _working.Order(StringComparer.Ordinal).ToList(), Book.ToState());

    /// <summary>A ledger as <see cref="ToState"/> stored it.</summary>
    public static AccountLedger FromState(string accountId, AccountMode mode, string currency, LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ledger = new AccountLedger(accountId, mode, currency)
        {
            Deposits = state.Deposits, EquityHighWaterMark = state.EquityHighWaterMark, Book = PositionBook.FromState(accountId, mode, currency, state.Book),
        };
        (ledger._day, ledger._realizedBeforeDay, ledger._orderCount) = (state.Day, state.RealizedBeforeDay, state.OrderCount);
        ledger._orders.UnionWith(state.Orders);
        ledger._working.UnionWith(state.Working);
        return ledger;
    }

    /// <summary>
    /// Books one fill at the conversion rate of <paramref name="quoteAtFill"/> (the fill's own symbol; see
    /// <see cref="CanConvert"/>). A fill already booked is refused as a duplicate and changes nothing.
    /// </summary>
    public PositionResult BookFill(Fill fill, Instrument instrument, Tick quoteAtFill)
    {
        var result = Book.Apply(fill, instrument, CurrencyConverter.AtQuote(instrument.Symbol, quoteAtFill));
        if (result.IsOk)
        {
            RollDay(fill.At, result.Change.RealizedPnl + fill.Swap - fill.Commission);
            if (Book.Open.Count == 0)
                EquityHighWaterMark = Math.Max(EquityHighWaterMark, Cash); // flat: equity is cash, known without quotes (and on rebuild)
        }
        return result;
    }

    /// <summary>
    /// Whether the instrument's P&amp;L converts to the account currency through its own quote alone
    /// (quote or base currency is the account's). Fills are journaled with that one quote, so crosses
    /// that need a third pair are refused until the journal records conversion quotes too.
    /// </summary>
    public bool CanConvert(Instrument instrument) => instrument.QuoteCurrency == Currency || instrument.BaseCurrency == Currency;

    /// <summary>
    /// What risk reads about the account for an order in <paramref name="symbol"/>. The day's P&amp;L is what today's fills
    /// realised plus how the unrealised P&amp;L moved since the day began: <paramref name="unrealizedAtDayStart"/> is that of
    /// the positions held at 00:00 UTC, marked then (0 when unknown: their whole unrealised P&amp;L then counts as today's).
    /// </summary>
    public AccountRiskState RiskState(string symbol, InstrumentCatalog catalog, IQuoteSource quotes, DateTimeOffset now, decimal unrealizedAtDayStart = 0m)
    {
        var converter = new CurrencyConverter(quotes);
        PositionValuation.TryGrossExposure(Book, catalog, quotes, converter, out var exposure);
        var hasUnrealized = PositionValuation.TryUnrealizedPnl(Book, catalog, quotes, converter, out var unrealized);
        var equity = Cash + unrealized;
        if (hasUnrealized)
            EquityHighWaterMark = Math.Max(EquityHighWaterMark, equity);
        var dayRealized = DateOnly.FromDateTime(now.UtcDateTime) == _day ? Book.NetRealizedPnl - _realizedBeforeDay : 0m;
        var dayUnrealized = hasUnrealized ? unrealized - unrealizedAtDayStart : unrealized;
        return new AccountRiskState(Book.NetQuantity(symbol), _working.Count, exposure, dayRealized + dayUnrealized, equity, EquityHighWaterMark);
    }

    /// <summary>Keeps the realised P&amp;L booked before the current UTC day, so the day's loss starts at zero each day.</summary>
    private void RollDay(DateTimeOffset at, decimal netOfThisFill)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (day > _day)
        {
            _realizedBeforeDay = Book.NetRealizedPnl - netOfThisFill;
            _day = day;
        }
    }
}

/// <summary>An <see cref="AccountLedger"/> as an account snapshot stores it: the order ids it still knows, not all it ever had.</summary>
public sealed record LedgerState(decimal Deposits, decimal EquityHighWaterMark, DateOnly Day, decimal RealizedBeforeDay, int OrderCount,
    IReadOnlyList<string> Orders, IReadOnlyList<string> Working, PositionBookState Book);
