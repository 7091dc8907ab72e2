namespace Plan2.Core.Patterns;

/// <summary>
/// A pattern completed by the bar that opened at <paramref name="OpenTimeMs"/>. <paramref name="PriorTrend"/>
/// is the trend before the pattern's first bar: +1 up, −1 down, 0 when price sat exactly on its average.
/// </summary>
public readonly record struct PatternHit(CandlePattern Pattern, long OpenTimeMs, int PriorTrend)
{
    /// <summary>+1 bullish, −1 bearish, 0 for a doji.</summary>
    public int Direction => Pattern.Direction();

    /// <summary>
    /// The move the pattern predicts. A doji names no side, but its textbook meaning is that the move
    /// before it is stalling, so it is measured as a reversal of the prior trend (0 = not measurable).
    /// </summary>
    public int ExpectedMove => Direction != 0 ? Direction : -PriorTrend;
}
