namespace Plan2.Web.Services.Backtests;

/// <summary>
/// One dashboard backtest as kept in {runs}/{Id}/run.json beside the report files: who asked, what, how far
/// it got, and (finished) the figures of its report. Immutable: every change is a new record.
/// </summary>
public sealed record BacktestRecord
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string UserName { get; init; }
    public required BacktestRequest Request { get; init; }
    public BacktestState State { get; init; } = BacktestState.Queued;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>0..1 while running.</summary>
    public double Progress { get; init; }
    public string? Error { get; init; }
    public BacktestSummary? Summary { get; init; }

    public BacktestRecord MoveTo(BacktestState next) =>
        BacktestStates.CanMove(State, next) ? this with { State = next } : throw new InvalidOperationException($"A backtest cannot go from {State} to {next}.");
}

/// <summary>The report's figures (as in metrics.json) and its plain verdict on costs.</summary>
public sealed record BacktestSummary(
    string Verdict, bool LosesAfterCosts, double TotalReturn, double Sharpe, double MaxDrawdown, double WinRate, int Trades,
    decimal InitialEquity, decimal FinalEquity, decimal GrossPnl, decimal Commissions, decimal Swap, decimal NetPnl, double? ProfitFactor,
    bool StrategyHalted, long Ticks, long Bars, long Predictions, double TicksPerSecond, string Currency, string Spread, string? Models, string? RejectedLines,
    string SharpeCaveat = "");
