using Plan2.Core.Patterns;

namespace Plan2.Core.Tests.Patterns;

/// <summary>The detector and the reliability measure over 50,000 real USDCAD M1 bars.</summary>
public class PatternHistoryTests
{
    private const int Horizon = 5;

    private static PatternReliability Measure()
    {
        var detector = new PatternDetector();
        var reliability = new PatternReliability(Horizon);
        Span<PatternHit> hits = stackalloc PatternHit[PatternDetector.MaxHitsPerBar];
        foreach (var bar in UsdCadHistory.Bars)
        {
            var n = detector.OnBar(bar, hits);
            reliability.OnBar(bar, hits[..n]);
        }
        return reliability;
    }

    [Fact]
    public void Measure_UsdCadM1_LoadsWholeFile()
    {
        Assert.Equal(50_000, UsdCadHistory.Bars.Length);
        Assert.All(UsdCadHistory.Bars, bar => Assert.Null(bar.Problem));
    }

    [Fact]
    public void Measure_UsdCadM1_EveryPatternOccursPlausiblyOften()
    {
        // Textbook patterns are occasional, not constant: each should appear at least 30 times in 50,000
        // bars (enough to measure) and on at most 10 % of them (else the definition is too loose).
        var reliability = Measure();

        foreach (var pattern in Enum.GetValues<CandlePattern>())
            Assert.InRange(reliability.Stats(pattern).Occurrences, 30, UsdCadHistory.Bars.Length / 10);
    }

    [Fact]
    public void Measure_UsdCadM1_ReliabilitiesNearCoinFlip()
    {
        // No claim of skill: on one-minute bars a five-bar forecast from a candle shape should be close to
        // chance. A value far from ½ would more likely mean a look-ahead or sign bug than a real edge.
        var reliability = Measure();

        foreach (var pattern in Enum.GetValues<CandlePattern>())
        {
            var stats = reliability.Stats(pattern);
            Assert.True(stats.Reliability is >= 0.4 and <= 0.6, $"{pattern}: {stats} reliability {stats.Reliability:F3}");
            Assert.True(stats.Decided <= stats.Occurrences, $"{pattern}: {stats}");
        }
    }
}
