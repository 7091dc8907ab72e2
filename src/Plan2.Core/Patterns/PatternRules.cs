namespace Plan2.Core.Patterns;

/// <summary>
/// The textbook conditions (Nison, "Japanese Candlestick Charting Techniques"), each written once as a
/// pure predicate. Bars are oldest first; <c>atr</c> is in price units; trend is +1 up, −1 down.
/// Thresholds are constants rather than options: a reliability measured under one definition says
/// nothing about another, so they should not drift per instrument.
/// </summary>
internal static class PatternRules
{
    /// <summary>A single-bar signal needs a range worth noticing.</summary>
    public const double SignificantRangeOfAtr = 0.5;

    /// <summary>The first bar of a star or harami must be a long body.</summary>
    public const double LongBodyOfAtr = 0.6;

    /// <summary>A star's or harami's middle body is small next to the first.</summary>
    public const double SmallBodyOfFirst = 0.3;

    /// <summary>Doji body and the "little or no" opposite shadow of a hammer: at most a tenth of the range.</summary>
    public const int TenthOfRange = 10;

    /// <summary>Hammer and shooting star: the long shadow is at least twice the body.</summary>
    public const int ShadowToBody = 2;

    public static bool IsSignificant(in CandleShape c, double atr) => c.Range > 0 && c.Range >= SignificantRangeOfAtr * atr;

    public static bool IsLongBody(in CandleShape c, double atr) => c.Body > 0 && c.Body >= LongBodyOfAtr * atr;

    public static bool IsSmallNextTo(in CandleShape small, in CandleShape first) => small.Body <= SmallBodyOfFirst * first.Body;

    public static bool IsDoji(in CandleShape c, double atr) => IsSignificant(c, atr) && c.Body * TenthOfRange <= c.Range;

    /// <summary>Hammer and hanging man: long lower shadow, body at the top of the range.</summary>
    public static bool HasHammerShape(in CandleShape c, double atr) =>
        IsSignificant(c, atr) && c.Body > 0
        && c.LowerShadow >= ShadowToBody * c.Body
        && c.UpperShadow * TenthOfRange <= c.Range;

    /// <summary>Shooting star and inverted hammer: long upper shadow, body at the bottom of the range.</summary>
    public static bool HasShootingStarShape(in CandleShape c, double atr) =>
        IsSignificant(c, atr) && c.Body > 0
        && c.UpperShadow >= ShadowToBody * c.Body
        && c.LowerShadow * TenthOfRange <= c.Range;

    /// <summary>Second body opposite in colour, covering the first (ends may touch) and strictly larger.</summary>
    public static bool Engulfs(in CandleShape first, in CandleShape second, int direction) =>
        (direction > 0 ? first.IsBearish && second.IsBullish : first.IsBullish && second.IsBearish)
        && second.BodyBottom <= first.BodyBottom && second.BodyTop >= first.BodyTop
        && second.Body > first.Body;

    /// <summary>A long body of the trend's colour, then a small body inside it (ends may touch).</summary>
    public static bool IsHarami(in CandleShape first, in CandleShape second, int direction, double atr) =>
        IsLongBody(first, atr) && (direction > 0 ? first.IsBearish : first.IsBullish)
        && second.BodyBottom >= first.BodyBottom && second.BodyTop <= first.BodyTop
        && IsSmallNextTo(second, first);

    /// <summary>Morning (direction +1) or evening (−1) star.</summary>
    public static bool IsStar(in CandleShape first, in CandleShape star, in CandleShape third, int direction, double atr)
    {
        if (!IsLongBody(first, atr) || !IsSmallNextTo(star, first))
            return false;
        return direction > 0
            ? first.IsBearish && star.BodyTop <= first.Close
              && third.IsBullish && third.Close * 2 > first.BodyMidpointTimesTwo
            : first.IsBullish && star.BodyBottom >= first.Close
              && third.IsBearish && third.Close * 2 < first.BodyMidpointTimesTwo;
    }
}
