using Plan2.Core.MarketData;
using Plan2.Core.Patterns;

namespace Plan2.Core.Tests.Patterns;

public class PatternDetectorTests
{
    public static TheoryData<CandlePattern> AllPatterns() => new(Enum.GetValues<CandlePattern>());

    public static TheoryData<CandlePattern> TrendPatterns() =>
        new(Enum.GetValues<CandlePattern>().Where(p => p != CandlePattern.Doji)); // the doji needs no trend

    public static TheoryData<string> NearMissNames() => new(TextbookExamples.NearMisses.Keys);

    [Theory]
    [MemberData(nameof(AllPatterns))]
    public void OnBar_TextbookExample_DetectsPatternOnLastBar(CandlePattern pattern)
    {
        var (trend, bars) = TextbookExamples.For(pattern);

        var hits = PatternBars.HitsOnLastBar(trend, bars);

        var hit = Assert.Single(hits, h => h.Pattern == pattern);
        Assert.Equal(trend, hit.PriorTrend);
        Assert.Equal((PatternBars.LeadInLength + bars.Length - 1) * 60_000L, hit.OpenTimeMs);
    }

    [Theory]
    [MemberData(nameof(TrendPatterns))]
    public void OnBar_TextbookExampleAfterOppositeTrend_NotDetected(CandlePattern pattern)
    {
        var (trend, bars) = TextbookExamples.For(pattern);

        var hits = PatternBars.HitsOnLastBar(-trend, bars);

        Assert.DoesNotContain(hits, h => h.Pattern == pattern);
    }

    [Theory]
    [MemberData(nameof(NearMissNames))]
    public void OnBar_NearMiss_NotDetected(string name)
    {
        var (pattern, trend, bars) = TextbookExamples.NearMisses[name];

        var hits = PatternBars.HitsOnLastBar(trend, bars);

        Assert.DoesNotContain(hits, h => h.Pattern == pattern);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void OnBar_LeadInTrend_MatchesNothing(int trend)
    {
        // The examples rely on the lead-in being silent, so a hit can only come from the drawn bars.
        var detector = new PatternDetector();
        var buffer = new PatternHit[PatternDetector.MaxHitsPerBar];

        var total = PatternBars.LeadIn(trend).Sum(bar => detector.OnBar(bar, buffer));

        Assert.True(detector.IsReady);
        Assert.Equal(0, total);
    }

    [Fact]
    public void OnBar_BeforeWarmUp_ReportsNothing()
    {
        // A textbook hammer as the very first bar: no ATR or trend exists yet to judge it by.
        var detector = new PatternDetector();
        var buffer = new PatternHit[PatternDetector.MaxHitsPerBar];

        var n = detector.OnBar(PatternBars.Bar(0, TextbookExamples.For(CandlePattern.Hammer).Bars[0]), buffer);

        Assert.False(detector.IsReady);
        Assert.Equal(0, n);
    }

    [Fact]
    public void OnBar_SpanSmallerThanMaxHits_Throws()
    {
        var detector = new PatternDetector();
        var buffer = new PatternHit[PatternDetector.MaxHitsPerBar - 1];

        Assert.Throws<ArgumentException>(() => detector.OnBar(PatternBars.Bar(0, new Pips(0, 1, -1, 0)), buffer));
    }

    [Fact]
    public void MaxHitsPerBar_CoversEveryPattern()
    {
        Assert.Equal(PatternDetector.MaxHitsPerBar, Enum.GetValues<CandlePattern>().Length);
        Assert.Equal(Enumerable.Range(0, CandlePatterns.Count), Enum.GetValues<CandlePattern>().Select(p => (int)p));
    }

    [Theory]
    [InlineData(CandlePattern.Hammer, 1)]
    [InlineData(CandlePattern.InvertedHammer, 1)]
    [InlineData(CandlePattern.BearishEngulfing, -1)]
    [InlineData(CandlePattern.HangingMan, -1)]
    [InlineData(CandlePattern.Doji, 0)]
    public void Direction_NamesTheSidePredicted(CandlePattern pattern, int expected)
    {
        Assert.Equal(expected, pattern.Direction());
    }

    [Fact]
    public void ExpectedMove_Doji_IsReversalOfPriorTrend()
    {
        Assert.Equal(-1, new PatternHit(CandlePattern.Doji, 0, PriorTrend: 1).ExpectedMove);
        Assert.Equal(1, new PatternHit(CandlePattern.Doji, 0, PriorTrend: -1).ExpectedMove);
        Assert.Equal(1, new PatternHit(CandlePattern.Hammer, 0, PriorTrend: 1).ExpectedMove);
    }
}
