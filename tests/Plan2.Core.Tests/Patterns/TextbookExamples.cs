using Plan2.Core.Patterns;

namespace Plan2.Core.Tests.Patterns;

/// <summary>
/// One drawing per pattern, as in the textbook figures, in pips from the end of a trend with ATR = 10 pips,
/// and near-misses that break exactly one condition each.
/// </summary>
internal static class TextbookExamples
{
    public const int Up = 1;
    public const int Down = -1;

    public static (int Trend, Pips[] Bars) For(CandlePattern pattern) => pattern switch
    {
        CandlePattern.BullishEngulfing => (Down, [new(0, 2, -8, -5), new(-6, 4, -7, 3)]),
        CandlePattern.BearishEngulfing => (Up, [new(0, 8, -2, 5), new(6, 7, -4, -3)]),
        // Body 4 at the top, upper shadow 1, lower shadow 13, range 18 (≥ ½ ATR).
        CandlePattern.Hammer => (Down, [new(-2, 3, -15, 2)]),
        CandlePattern.HangingMan => (Up, [new(-2, 3, -15, 2)]),
        CandlePattern.ShootingStar => (Up, [new(2, 15, -3, -2)]),
        CandlePattern.InvertedHammer => (Down, [new(2, 15, -3, -2)]),
        // Body 1 in a 12-pip range.
        CandlePattern.Doji => (Down, [new(0, 6, -6, 1)]),
        // Long bearish body (12), a 1-pip star below its close, a bullish close above its midpoint (−6).
        CandlePattern.MorningStar => (Down, [new(0, 1, -13, -12), new(-13, -12, -16, -14), new(-13, -3, -14, -4)]),
        CandlePattern.EveningStar => (Up, [new(0, 13, -1, 12), new(13, 16, 12, 14), new(13, 14, 3, 4)]),
        // Long bearish body (12), then a 2-pip body inside it.
        CandlePattern.BullishHarami => (Down, [new(0, 1, -13, -12), new(-8, -4, -10, -6)]),
        CandlePattern.BearishHarami => (Up, [new(0, 13, -1, 12), new(8, 10, 4, 6)]),
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };

    /// <summary>Name → (pattern it must not be, trend, bars). Each breaks one condition of <c>For(pattern)</c>.</summary>
    public static readonly Dictionary<string, (CandlePattern Pattern, int Trend, Pips[] Bars)> NearMisses = new()
    {
        ["engulfing: second body misses the first open"] = (CandlePattern.BullishEngulfing, Down, [new(0, 2, -8, -5), new(-7, 0, -8, -1)]),
        ["engulfing: bodies equal"] = (CandlePattern.BullishEngulfing, Down, [new(0, 2, -8, -5), new(-5, 1, -6, 0)]),
        ["engulfing: first bar same colour"] = (CandlePattern.BullishEngulfing, Down, [new(-5, 1, -6, 0), new(-6, 4, -7, 3)]),
        ["hammer: lower shadow 1.5 × body"] = (CandlePattern.Hammer, Down, [new(-2, 3, -8, 2)]),
        ["hammer: upper shadow over a tenth of range"] = (CandlePattern.Hammer, Down, [new(-2, 6, -15, 2)]),
        ["hammer: range under ½ ATR"] = (CandlePattern.Hammer, Down, [new(0, 1, -3, 1)]),
        ["shooting star: lower shadow over a tenth of range"] = (CandlePattern.ShootingStar, Up, [new(2, 15, -6, -2)]),
        ["shooting star: upper shadow 1.5 × body"] = (CandlePattern.ShootingStar, Up, [new(2, 8, -3, -2)]),
        ["doji: body 2 in a 12-pip range"] = (CandlePattern.Doji, Down, [new(0, 6, -6, 2)]),
        ["doji: range under ½ ATR"] = (CandlePattern.Doji, Down, [new(0, 2, -2, 0)]),
        ["morning star: third closes below the midpoint"] = (CandlePattern.MorningStar, Down, [new(0, 1, -13, -12), new(-13, -12, -16, -14), new(-13, -3, -14, -7)]),
        ["morning star: star body too big"] = (CandlePattern.MorningStar, Down, [new(0, 1, -13, -12), new(-12, -11, -18, -17), new(-13, -3, -14, -4)]),
        ["morning star: star above the first close"] = (CandlePattern.MorningStar, Down, [new(0, 1, -13, -12), new(-11, -10, -14, -12), new(-13, -3, -14, -4)]),
        ["morning star: first body short"] = (CandlePattern.MorningStar, Down, [new(0, 1, -6, -5), new(-6, -5, -8, -6), new(-6, 0, -7, -1)]),
        ["evening star: third closes above the midpoint"] = (CandlePattern.EveningStar, Up, [new(0, 13, -1, 12), new(13, 16, 12, 14), new(13, 14, 3, 7)]),
        ["harami: second body too big"] = (CandlePattern.BullishHarami, Down, [new(0, 1, -13, -12), new(-9, -3, -10, -4)]),
        ["harami: second body pokes out"] = (CandlePattern.BullishHarami, Down, [new(0, 1, -13, -12), new(-13, -10, -14, -11)]),
        ["harami: first body short"] = (CandlePattern.BullishHarami, Down, [new(0, 1, -6, -5), new(-3, -1, -4, -2)]),
    };
}
