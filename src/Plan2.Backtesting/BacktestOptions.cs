namespace Plan2.Backtesting;

/// <summary>
/// A backtest's choices and their defaults, stated in every report. Costs are always on: the file's
/// own spread for tick files, <see cref="SpreadPips"/> for bar files (which carry none), commission
/// per lot and side, and swap in points per lot and night.
/// </summary>
public sealed record BacktestOptions
{
    public required string Strategy { get; init; }
    public string AccountCurrency { get; init; } = "USD";
    public decimal InitialBalance { get; init; } = 10_000m;
    public decimal Lots { get; init; } = 0.1m;
    public decimal CommissionPerLot { get; init; } = 3.5m;
    public decimal SpreadPips { get; init; } = 1m;
    public int SlippageTicks { get; init; }
    public int LatencyMs { get; init; }
    public decimal? DepthLots { get; init; }
    public decimal SwapLongPoints { get; init; } = -5m;
    public decimal SwapShortPoints { get; init; } = -5m;
    public int HoldBars { get; init; } = 5;
    public double StopAtr { get; init; } = 2;
    public double TakeProfitAtr { get; init; } = 3;
    public double LongAbove { get; init; } = 0.53;
    public double ShortBelow { get; init; } = 0.47;
    public double MinConfidence { get; init; } = 0.5;
}
