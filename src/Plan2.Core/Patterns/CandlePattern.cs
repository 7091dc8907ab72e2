namespace Plan2.Core.Patterns;

/// <summary>
/// Candlestick patterns, completed on the close of their last bar. Shape conditions are in
/// <see cref="PatternRules"/>; the "prior trend" is the side of a short SMA of closes the market was on
/// just before the pattern's first bar (see <see cref="PatternDetector"/>). Sizes are judged against the
/// ATR before the completing bar, so a one-pip bar on a quiet night is not a pattern.
/// Numeric values are stable indices (0..<see cref="CandlePatterns.Count"/>-1) used for per-pattern counts.
/// </summary>
public enum CandlePattern
{
    /// <summary>Downtrend; a bearish real body, then a bullish body that covers it and is larger.</summary>
    BullishEngulfing = 0,

    /// <summary>Uptrend; a bullish real body, then a bearish body that covers it and is larger.</summary>
    BearishEngulfing = 1,

    /// <summary>Downtrend; range ≥ ½ ATR, lower shadow ≥ 2 × body, upper shadow ≤ 10 % of range, body &gt; 0.</summary>
    Hammer = 2,

    /// <summary>Uptrend; the hammer's shape (long lower shadow), read as a warning of a top.</summary>
    HangingMan = 3,

    /// <summary>Uptrend; range ≥ ½ ATR, upper shadow ≥ 2 × body, lower shadow ≤ 10 % of range, body &gt; 0.</summary>
    ShootingStar = 4,

    /// <summary>Downtrend; the shooting star's shape (long upper shadow), read as a bottom.</summary>
    InvertedHammer = 5,

    /// <summary>Any trend; range ≥ ½ ATR and body ≤ 10 % of range: open and close almost equal.</summary>
    Doji = 6,

    /// <summary>
    /// Downtrend; a long bearish body (≥ 0.6 ATR), a small body (≤ 30 % of the first) at or below the first
    /// close, then a bullish bar closing above the first body's midpoint. No gap is required: a 24-hour FX
    /// market opens each bar at the previous close, so the textbook gap never appears.
    /// </summary>
    MorningStar = 7,

    /// <summary>Uptrend; the mirror of the morning star.</summary>
    EveningStar = 8,

    /// <summary>Downtrend; a long bearish body (≥ 0.6 ATR), then a body of either colour (Nison) inside it and ≤ 30 % of it.</summary>
    BullishHarami = 9,

    /// <summary>Uptrend; a long bullish body, then a small body of either colour inside it.</summary>
    BearishHarami = 10,
}

public static class CandlePatterns
{
    /// <summary>How many patterns exist; also the most one bar can complete.</summary>
    public const int Count = 11;

    /// <summary>+1 bullish, −1 bearish, 0 for the doji, which names no side.</summary>
    public static int Direction(this CandlePattern pattern) => pattern switch
    {
        CandlePattern.BullishEngulfing or CandlePattern.Hammer or CandlePattern.InvertedHammer
            or CandlePattern.MorningStar or CandlePattern.BullishHarami => 1,
        CandlePattern.Doji => 0,
        _ => -1,
    };
}
