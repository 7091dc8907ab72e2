namespace Plan2.Backtesting;

/// <summary>A backtest that cannot run as asked (bad choice, unreadable data, no models): the message says why, in words a user acts on.</summary>
public sealed class BacktestException(string message) : Exception(message);
