namespace Plan2.Web.Services.Backtests;

/// <summary>A dashboard backtest's life: queued, running, then finished, failed or cancelled; interrupted when the web stopped mid-run.</summary>
public enum BacktestState { Queued, Running, Finished, Failed, Cancelled, Interrupted }

/// <summary>The one table of allowed moves; anything else is a bug, not a state.</summary>
public static class BacktestStates
{
    private static readonly Dictionary<BacktestState, BacktestState[]> Next = new()
    {
        [BacktestState.Queued] = [BacktestState.Running, BacktestState.Cancelled, BacktestState.Interrupted],
        [BacktestState.Running] = [BacktestState.Finished, BacktestState.Failed, BacktestState.Cancelled, BacktestState.Interrupted],
        [BacktestState.Finished] = [],
        [BacktestState.Failed] = [],
        [BacktestState.Cancelled] = [],
        [BacktestState.Interrupted] = [],
    };

    public static bool CanMove(BacktestState from, BacktestState to) => Next[from].Contains(to);

    public static bool IsOver(this BacktestState state) => Next[state].Length == 0;
}
