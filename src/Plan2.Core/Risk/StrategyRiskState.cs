namespace Plan2.Core.Risk;

/// <summary>
/// The placing strategy's own equity curve (its capital allocation plus its P&amp;L) and whether its
/// <see cref="DrawdownGuard"/> has already halted it. Default for manual orders: nothing to check.
/// </summary>
public readonly record struct StrategyRiskState(decimal Equity, decimal HighWaterMark, bool Halted);
