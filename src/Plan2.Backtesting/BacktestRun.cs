using Plan2.Core.Backtesting;
using Plan2.Core.Execution;

namespace Plan2.Backtesting;

/// <summary>A finished run: what went in, what came out, and how fast.</summary>
public sealed record BacktestRun(
    string Symbol,
    string DataFile,
    BacktestOptions Options,
    string SpreadSource,
    BacktestMetrics Metrics,
    IReadOnlyList<EquityPoint> Equity,
    IReadOnlyList<ClosedTrade> Trades,
    IReadOnlyDictionary<string, int> Refusals,
    bool StrategyHalted,
    long Ticks,
    long Bars,
    long Predictions,
    double TicksPerSecond,
    string? Models)
{
    /// <summary>Lines of the file the importer refused, by reason; null when none.</summary>
    public string? RejectedLines { get; init; }
}
