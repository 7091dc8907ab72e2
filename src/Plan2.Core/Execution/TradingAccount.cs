using Plan2.Core.Risk;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Execution;

/// <summary>
/// An account as risk and reporting see it: its positions, its starting balance, its equity high-water
/// mark and the equity the trading day began with, its submit-rate window and kill switches. Live,
/// the account grain holds one; the backtester holds one per run. Equity is balance plus realised P&amp;L
/// after costs plus open positions marked at the closing side of the current quotes.
/// </summary>
public sealed class TradingAccount
{
    public TradingAccount(string accountId, string currency, decimal initialBalance, RiskLimits limits, AccountMode mode = AccountMode.Netting)
    {
        if (initialBalance <= 0m)
            throw new ArgumentException($"The initial balance must be positive, not {initialBalance}.", nameof(initialBalance));
        var errors = limits.Validate();
        if (errors.Count > 0)
            throw new ArgumentException($"Risk limits are invalid: {string.Join(" ", errors)}", nameof(limits));
        Book = new PositionBook(accountId, mode, currency);
        InitialBalance = initialBalance;
        Limits = limits;
        Equity = EquityHighWaterMark = DayStartEquity = initialBalance;
    }

    public string AccountId => Book.AccountId;
    public string Currency => Book.AccountCurrency;
    public PositionBook Book { get; }
    public decimal InitialBalance { get; }
    /// <summary>Replaced at run time; every order reads the current limits.</summary>
    public RiskLimits Limits { get; set; }
    public SubmitRateWindow SubmitWindow { get; } = new();
    public KillSwitches KillSwitches { get; set; }
    public decimal EquityHighWaterMark { get; private set; }
    public decimal DayStartEquity { get; private set; }
    /// <summary>Equity at the last <see cref="Mark"/>.</summary>
    public decimal Equity { get; private set; }

    /// <summary>Balance plus realised P&amp;L after commission and swap (no open positions counted).</summary>
    public decimal Balance => InitialBalance + Book.NetRealizedPnl;

    /// <summary>Marks equity to the quotes and moves the high-water mark; false (equity unchanged) when a quote or rate is missing.</summary>
    public bool Mark(InstrumentCatalog catalog, IQuoteSource quotes, CurrencyConverter converter)
    {
        if (!PositionValuation.TryUnrealizedPnl(Book, catalog, quotes, converter, out var open))
            return false;
        Equity = Balance + open;
        if (Equity > EquityHighWaterMark)
            EquityHighWaterMark = Equity;
        return true;
    }

    /// <summary>A new trading day: today's P&amp;L counts from the equity now.</summary>
    public void StartDay() => DayStartEquity = Equity;

    public AccountRiskState RiskState(string symbol, int openOrders, decimal grossExposure) =>
        new(Book.NetQuantity(symbol), openOrders, grossExposure, Equity - DayStartEquity, Equity, EquityHighWaterMark);
}
