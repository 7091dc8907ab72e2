using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Risk;

/// <summary>
/// Everything the risk chain reads besides the order, gathered by the caller (the account grain
/// live, the backtester in replay) at the moment of the order. Read-only and passed by reference,
/// so a check costs no allocation. <see cref="Now"/> comes from the caller's injected clock.
/// </summary>
public readonly struct RiskContext
{
    public required RiskLimits Limits { get; init; }
    /// <summary>The order's instrument.</summary>
    public required Instrument Instrument { get; init; }
    public required SubmitRateWindow SubmitWindow { get; init; }
    public AccountRiskState Account { get; init; }
    public StrategyRiskState Strategy { get; init; }
    /// <summary>The last quote in the order's symbol, null if none has arrived yet.</summary>
    public Tick? LastQuote { get; init; }
    public DateTimeOffset Now { get; init; }
    public KillSwitches KillSwitches { get; init; }
    /// <summary>Account-currency units per unit of the instrument's quote currency (from <c>CurrencyConverter</c>).</summary>
    public decimal QuoteToAccountRate { get; init; }
}
