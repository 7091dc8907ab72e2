using Plan2.Core.MarketData;
using Plan2.Core.Patterns;

namespace Plan2.Core.Tests.Patterns;

public class PatternReliabilityTests
{
    private static Candle Close(int index, double close)
    {
        var p = ToPrice(close);
        return new Candle(index * 60_000L, p, p, p, p);
    }

    private static Price ToPrice(double value) => Price.FromDouble(value) ?? throw new ArgumentOutOfRangeException(nameof(value));

    private static PatternHit Hit(CandlePattern pattern, int priorTrend = 0) => new(pattern, 0, priorTrend);

    [Fact]
    public void OnBar_HandMadeSeries_CountsKnownOutcomes()
    {
        // Horizon 2. Closes 1.00, 1.01, 1.02, 1.03, 1.02, 1.05:
        // bar 0 hammer (+) → bar 2 at 1.02 rose: hit;   bar 1 shooting star (−) → bar 3 at 1.03 rose: miss;
        // bar 2 doji after an uptrend (−) → bar 4 at 1.02 unchanged: flat;  bar 3 hammer (+) → bar 5 at 1.05: hit.
        var reliability = new PatternReliability(horizon: 2);
        double[] closes = [1.00, 1.01, 1.02, 1.03, 1.02, 1.05];
        PatternHit[][] hits =
        [
            [Hit(CandlePattern.Hammer)], [Hit(CandlePattern.ShootingStar)],
            [Hit(CandlePattern.Doji, priorTrend: 1)], [Hit(CandlePattern.Hammer)], [], [],
        ];

        for (var i = 0; i < closes.Length; i++)
            reliability.OnBar(Close(i, closes[i]), hits[i]);

        Assert.Equal(new PatternStats(2, 2, 0), reliability.Stats(CandlePattern.Hammer));
        Assert.Equal(new PatternStats(1, 0, 1), reliability.Stats(CandlePattern.ShootingStar));
        Assert.Equal(new PatternStats(1, 0, 0), reliability.Stats(CandlePattern.Doji));
        Assert.Equal(default, reliability.Stats(CandlePattern.MorningStar));
    }

    [Fact]
    public void OnBar_BeforeHorizonPasses_LeavesOccurrencePending()
    {
        var reliability = new PatternReliability(horizon: 3);
        reliability.OnBar(Close(0, 1.00), [Hit(CandlePattern.Hammer)]);
        reliability.OnBar(Close(1, 1.10), []);
        reliability.OnBar(Close(2, 1.20), []);

        Assert.Equal(0, reliability.Stats(CandlePattern.Hammer).Occurrences);

        reliability.OnBar(Close(3, 0.90), []);

        Assert.Equal(new PatternStats(1, 0, 1), reliability.Stats(CandlePattern.Hammer));
    }

    [Fact]
    public void OnBar_DojiWithoutPriorTrend_IsNotCounted()
    {
        var reliability = new PatternReliability(horizon: 1);
        reliability.OnBar(Close(0, 1.00), [Hit(CandlePattern.Doji, priorTrend: 0)]);
        reliability.OnBar(Close(1, 1.10), []);

        Assert.Equal(default, reliability.Stats(CandlePattern.Doji));
    }

    [Fact]
    public void Signal_TextbookHammersThenRally_ConfidenceFromEarlierOutcomesOnly()
    {
        // A hammer, five rising bars, then the same hammer again: the second is judged on the first alone.
        var detector = new PatternDetector();
        var reliability = new PatternReliability(horizon: 5);
        var buffer = new PatternHit[PatternDetector.MaxHitsPerBar];
        var hammer = TextbookExamples.For(CandlePattern.Hammer).Bars[0];
        Pips[] rally = [new(2, 8, 1, 7), new(7, 13, 6, 12), new(12, 18, 11, 17), new(17, 23, 16, 22), new(22, 28, 21, 27)];
        // A fresh fall back to the hammer's level so the second hammer again follows a downtrend.
        var fall = Enumerable.Range(0, 12).Select(k => new Pips(27 - 3 * k, 28 - 3 * k, 22 - 3 * k, 24 - 3 * k)).ToArray();
        var lower = new Pips(hammer.Open - 12, hammer.High - 12, hammer.Low - 12, hammer.Close - 12);
        var signals = new List<PatternSignal>();

        foreach (var bar in PatternBars.AfterTrend(-1, [hammer, .. rally, .. fall, lower]))
        {
            var n = detector.OnBar(bar, buffer);
            foreach (var hit in buffer.AsSpan(0, n))
                if (hit.Pattern == CandlePattern.Hammer)
                    signals.Add(reliability.Signal(hit));
            reliability.OnBar(bar, buffer.AsSpan(0, n));
        }

        Assert.Equal(2, signals.Count);
        Assert.Equal(new PatternSignal(CandlePattern.Hammer, 1, 0.5, 0, PatternBars.LeadInLength * 60_000L), signals[0]);
        Assert.Equal(2.0 / 3.0, signals[1].Confidence, 12);
        Assert.Equal(1, signals[1].Occurrences);
    }

    [Fact]
    public void Reliability_NoOutcomes_IsOneHalf()
    {
        Assert.Equal(0.5, new PatternStats(0, 0, 0).Reliability);
        Assert.True(double.IsNaN(new PatternStats(0, 0, 0).HitRate));
    }

    [Fact]
    public void Reliability_ThreeOfThree_IsShrunkToFourFifths()
    {
        var stats = new PatternStats(3, 3, 0);

        Assert.Equal(1.0, stats.HitRate);
        Assert.Equal(0.8, stats.Reliability, 12);
    }

    [Fact]
    public void Reliability_ManyOutcomes_ApproachesHitRate()
    {
        var stats = new PatternStats(1000, 600, 400);

        Assert.Equal(601.0 / 1002.0, stats.Reliability, 12);
        Assert.InRange(stats.Reliability, 0.5, stats.HitRate);
    }

    [Fact]
    public void Reliability_FlatOutcomes_DoNotCountAgainst()
    {
        Assert.Equal(new PatternStats(5, 1, 1).Reliability, new PatternStats(2, 1, 1).Reliability);
    }

    [Fact]
    public void Constructor_HorizonBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatternReliability(horizon: 0));
    }
}
