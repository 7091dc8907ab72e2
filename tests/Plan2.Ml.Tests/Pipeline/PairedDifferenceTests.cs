using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class PairedDifferenceTests
{
    [Fact]
    public void Mean_IsTheDifferenceOfTheLogLosses_OnRowsBothScore()
    {
        var rng = new Random(11);
        var y = Enumerable.Range(0, 2_000).Select(_ => (float)rng.Next(2)).ToArray();
        var a = y.Select(v => (float)(0.5 + (v - 0.5) * 0.1 + 0.1 * (rng.NextDouble() - 0.5))).ToArray();
        var b = y.Select(_ => (float)(0.45 + 0.1 * rng.NextDouble())).ToArray();
        a[7] = float.NaN; // a row one model cannot score counts for neither
        var both = y.Select((v, i) => i == 7 ? float.NaN : v).ToArray();
        var zero = new double[y.Length];

        var (mean, error, rows) = PairedDifference.LogLoss(a, b, y);

        Assert.Equal(1_999, rows);
        Assert.Equal(MetricsCalculator.Compute(a, both, zero).LogLoss - MetricsCalculator.Compute(b, both, zero).LogLoss, mean, 12);
        Assert.True(mean < 0, "the informative model has the lower log loss");
        Assert.InRange(error, 1e-5, Math.Abs(mean)); // a clear gap on 2,000 rows: more than one standard error
    }

    [Fact]
    public void TheSameModel_DiffersByZero_WithZeroError()
    {
        float[] p = [0.4f, 0.55f, 0.6f];
        var (mean, error, _) = PairedDifference.LogLoss(p, p, [0, 1, 1]);
        Assert.Equal(0, mean);
        Assert.Equal(0, error);
    }

    [Fact]
    public void TheVerdictNamesTheBestMember_AndTheGapWithItsError()
    {
        float[] y = [1, 0, 1, 0, 1, 0];
        float[] good = [0.6f, 0.4f, 0.6f, 0.4f, 0.6f, 0.4f];
        float[] poor = [0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f];
        float[] ensemble = [0.55f, 0.45f, 0.55f, 0.45f, 0.55f, float.NaN];

        var line = TrainingReport.AgainstBestMember(ensemble, new Dictionary<string, float[]> { ["poor"] = poor, ["good"] = good }, y);

        Assert.StartsWith(" Against the best member (good): +0.0", line);
        Assert.Contains("paired standard error", line);
    }
}
