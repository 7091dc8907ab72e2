namespace Plan2.Backtesting;

/// <summary>
/// A history file to backtest: its format (recognised from the first line when null), the pair, the hours its
/// times are ahead of UTC (the format's default when null), and optionally only [FromMs, ToMs) of it.
/// </summary>
public sealed record BacktestFile(string Path, string Symbol, string? Format = null, double? UtcOffsetHours = null, long? FromMs = null, long? ToMs = null);
