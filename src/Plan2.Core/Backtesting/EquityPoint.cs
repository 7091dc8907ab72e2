namespace Plan2.Core.Backtesting;

/// <summary>Account equity (account currency) at the close of a bar.</summary>
public readonly record struct EquityPoint(long TimeMs, decimal Equity);
