using Plan2.Core.MarketData;
using Plan2.Core.Patterns;

namespace Plan2.Core.Tests.Patterns;

/// <summary>A bar written in pips (0.0001) relative to where the lead-in trend ended.</summary>
internal readonly record struct Pips(int Open, int High, int Low, int Close);

/// <summary>
/// Puts hand-drawn bars after a clean 20-bar trend whose bars are all 10 pips tall, so ATR = 10 pips and the
/// prior trend is unambiguous; the lead-in bars (body 5, shadows 2 and 3) match no pattern themselves.
/// </summary>
internal static class PatternBars
{
    public const int LeadInLength = 20;
    private const long Pip = 10_000; // price units per 0.0001
    private const long Base = 1_10000 * Pip; // 1.1000: where the lead-in ends

    public static Candle[] LeadIn(int trend)
    {
        var bars = new Candle[LeadInLength];
        for (var i = 0; i < LeadInLength; i++)
        {
            var open = (LeadInLength - i) * 5 * -trend; // pips from the end, walking toward it
            var close = open + 5 * trend;
            bars[i] = trend > 0
                ? Bar(i, new Pips(open, close + 3, open - 2, close))
                : Bar(i, new Pips(open, open + 2, close - 3, close));
        }
        return bars;
    }

    public static Candle[] AfterTrend(int trend, Pips[] pattern) =>
        [.. LeadIn(trend), .. pattern.Select((p, k) => Bar(LeadInLength + k, p))];

    /// <summary>What the detector reports on the last of <paramref name="pattern"/>'s bars.</summary>
    public static PatternHit[] HitsOnLastBar(int trend, params Pips[] pattern)
    {
        var detector = new PatternDetector();
        var buffer = new PatternHit[PatternDetector.MaxHitsPerBar];
        var n = 0;
        foreach (var bar in AfterTrend(trend, pattern))
            n = detector.OnBar(bar, buffer);
        return buffer[..n];
    }

    public static Candle Bar(int index, Pips p) =>
        new(index * 60_000L, At(p.Open), At(p.High), At(p.Low), At(p.Close));

    private static Price At(int pips) => new(Base + pips * Pip);
}
