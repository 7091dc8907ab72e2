namespace Plan2.Core.Risk;

/// <summary>
/// Follows one equity curve (a strategy's or an account's), keeps its high-water mark, and latches
/// <see cref="Halted"/> once equity falls the given fraction below it. Stays halted, even if equity
/// recovers, until someone calls <see cref="Resume"/>: a stop that undoes itself is no stop.
/// </summary>
public sealed class DrawdownGuard(decimal maxDrawdown, decimal startingEquity)
{
    public decimal MaxDrawdown { get; set; } = maxDrawdown;
    public decimal HighWaterMark { get; private set; } = startingEquity;
    public decimal Equity { get; private set; } = startingEquity;
    public bool Halted { get; private set; }

    /// <summary>Records the latest equity; true when this update halted the strategy.</summary>
    public bool Update(decimal equity)
    {
        Equity = equity;
        if (equity > HighWaterMark)
            HighWaterMark = equity;
        if (Halted || !IsBreached(equity, HighWaterMark, MaxDrawdown))
            return false;
        Halted = true;
        return true;
    }

    /// <summary>An operator restarts the strategy; the high-water mark restarts from today's equity.</summary>
    public void Resume()
    {
        Halted = false;
        HighWaterMark = Equity;
    }

    public StrategyRiskState ToRiskState() => new(Equity, HighWaterMark, Halted);

    /// <summary>(high − equity) / high, 0 when there is no positive high yet.</summary>
    public static decimal Drawdown(decimal equity, decimal highWaterMark) =>
        highWaterMark > 0m && equity < highWaterMark ? (highWaterMark - equity) / highWaterMark : 0m;

    /// <summary>Drawdown at or past the limit, compared without division.</summary>
    public static bool IsBreached(decimal equity, decimal highWaterMark, decimal maxDrawdown) =>
        highWaterMark > 0m && highWaterMark - equity >= maxDrawdown * highWaterMark;
}
