using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Tests.Lifecycle;

public sealed class ShadowScoreboardTests
{
    [Fact]
    public void SideMetrics_EqualMetricsCalculator_OnTheSameBars()
    {
        var random = new Random(7);
        const int n = 500;
        var champion = new float[n];
        var challenger = new float[n];
        var labels = new float[n];
        var board = new ShadowScoreboard(window: n);
        for (var i = 0; i < n; i++)
        {
            champion[i] = (float)random.NextDouble();
            challenger[i] = (float)random.NextDouble();
            labels[i] = random.Next(2);
            board.Record(champion[i], challenger[i], labels[i] == 1);
        }

        var e = board.Evidence();
        AssertSame(MetricsCalculator.Compute(champion, labels, new double[n]), e.Champion);
        AssertSame(MetricsCalculator.Compute(challenger, labels, new double[n]), e.Challenger);
        Assert.Equal(e.Challenger.LogLoss - e.Champion.LogLoss, e.MeanLossDifference, 12);
    }

    private static void AssertSame(Metrics expected, SideMetrics actual)
    {
        Assert.Equal(expected.Rows, actual.Resolved);
        Assert.Equal(expected.Accuracy, actual.Accuracy, 12);
        Assert.Equal(expected.LogLoss, actual.LogLoss, 9);
        Assert.Equal(expected.Brier, actual.Brier, 6); // the calculator squares in float
    }

    [Fact]
    public void PairedDifference_AtHorizonOne_HasThePlainStandardError()
    {
        var board = new ShadowScoreboard(window: 10);
        bool[] outcomes = [true, true, false, true];
        foreach (var up in outcomes)
            board.Record(0.5, 0.8, up);

        // Per bar: ln(0.5 / 0.8) when up, ln(0.5 / 0.2) when down.
        double[] d = [Math.Log(0.5 / 0.8), Math.Log(0.5 / 0.8), Math.Log(0.5 / 0.2), Math.Log(0.5 / 0.8)];
        var mean = d.Average();
        var variance = d.Sum(x => (x - mean) * (x - mean)) / d.Length;
        var e = board.Evidence();
        Assert.Equal(mean, e.MeanLossDifference, 12);
        Assert.Equal(Math.Sqrt(variance / d.Length), e.StandardError, 12);
        Assert.Equal(0.75, e.Challenger.Accuracy);
    }

    [Fact]
    public void StandardError_GrowsBySqrtHorizon_WhenOutcomesOverlap()
    {
        // Overlapping h-bar outcomes make h consecutive bars tell the same story: h× fewer independent bars.
        const int horizon = 5;
        var plain = new ShadowScoreboard(window: 2000, horizon: 1);
        var overlapping = new ShadowScoreboard(window: 2000, horizon: horizon);
        var random = new Random(11);
        for (var run = 0; run < 2000 / horizon; run++)
        {
            var challenger = 0.3 + 0.4 * random.NextDouble();
            var up = random.Next(2) == 1;
            for (var k = 0; k < horizon; k++)
            {
                plain.Record(0.5, challenger, up);
                overlapping.Record(0.5, challenger, up);
            }
        }

        var ratio = overlapping.Evidence().StandardError / plain.Evidence().StandardError;
        Assert.InRange(ratio, 0.9 * Math.Sqrt(horizon), 1.1 * Math.Sqrt(horizon));
    }

    [Fact]
    public void Window_ForgetsOldPairs()
    {
        var board = new ShadowScoreboard(window: 4);
        for (var i = 0; i < 4; i++) board.Record(0.5, 0.2, up: true); // challenger wrong
        for (var i = 0; i < 2; i++) board.Record(0.5, 0.8, up: true); // challenger right
        Assert.Equal(0.5, board.Evidence().Challenger.Accuracy);

        for (var i = 0; i < 2; i++) board.Record(0.5, 0.8, up: true);
        var e = board.Evidence();
        Assert.Equal(4, e.Pairs);
        Assert.Equal(8, board.TotalRecorded);
        Assert.Equal(1.0, e.Challenger.Accuracy);
        Assert.Equal(-Math.Log(0.8), e.Challenger.LogLoss, 12);
        Assert.Equal(0.0, e.StandardError, 12);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void Record_BadProbability_IsRejectedAndNotKept(double bad)
    {
        var board = new ShadowScoreboard();

        var champion = Assert.Throws<ArgumentOutOfRangeException>(() => board.Record(bad, 0.5, true));
        var challenger = Assert.Throws<ArgumentOutOfRangeException>(() => board.Record(0.5, bad, true));

        Assert.Equal("championProbabilityUp", champion.ParamName);
        Assert.Equal("challengerProbabilityUp", challenger.ParamName);
        Assert.Equal(0, board.Count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 0)]
    [InlineData(100, 100)]
    public void Constructor_BadWindowOrHorizon_IsRejected(int window, int horizon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShadowScoreboard(window, horizon));

    [Fact]
    public void Evidence_WhenEmpty_HasNoPairsAndNaNMetrics()
    {
        var e = new ShadowScoreboard().Evidence();
        Assert.Equal(0, e.Pairs);
        Assert.True(double.IsNaN(e.Champion.LogLoss));
        Assert.True(double.IsNaN(e.MeanLossDifference));
    }
}
