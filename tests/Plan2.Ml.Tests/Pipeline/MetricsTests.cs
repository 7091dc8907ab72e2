using Plan2.Ml;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class MetricsTests
{
    [Fact]
    public void Compute_MatchesHandWorkedValues()
    {
        float[] p = [0.9f, 0.2f, 0.6f, 0.4f];
        float[] y = [1, 0, 0, 1];
        double[] r = [0.3, -0.1, 0.2, 0.1];

        var m = MetricsCalculator.Compute(p, y, r);

        Assert.Equal(0.5, m.Accuracy, 12);
        var expectedLogLoss = -(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.4)) / 4;
        Assert.Equal(expectedLogLoss, m.LogLoss, 6);
        Assert.Equal((0.01 + 0.04 + 0.36 + 0.36) / 4, m.Brier, 6);
        Assert.Equal(1.0, m.Ic, 12); // p and r rank the rows alike: 4, 1, 3, 2
    }

    [Fact]
    public void Spearman_WithTies_MatchesTheTextbookValue()
    {
        // x = 1..5, y = 5,6,7,8,7: y's ranks 1,2,3.5,5,3.5 → ρ = 8 / √95 = 0.82078.
        Assert.Equal(8 / Math.Sqrt(95), MetricsCalculator.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 10);
    }

    [Fact]
    public void Compute_SkipsRowsWithoutLabelOrProbability()
    {
        var m = MetricsCalculator.Compute([0.7f, float.NaN, 0.3f], [1, 1, float.NaN], [0.1, 0.2, 0.3]);
        Assert.Equal(1, m.Rows);
    }

    [Fact]
    public void Stacker_WeighsTheInformativeMember_AndIgnoresNoise()
    {
        var random = new Random(3);
        const int n = 20_000;
        var y = new float[n];
        var informative = new float[n];
        var noise = new float[n];
        for (var i = 0; i < n; i++)
        {
            var z = random.NextDouble() * 2 - 1;
            y[i] = random.NextDouble() < Ensemble.Sigmoid(2 * z) ? 1 : 0;
            informative[i] = (float)Ensemble.Sigmoid(0.5 * z); // right direction, squeezed toward 0.5
            noise[i] = (float)(0.4 + 0.2 * random.NextDouble());
        }

        var (bias, weights) = Stacker.Fit([informative, noise], y);

        Assert.InRange(weights[0], 3, 5); // stretches the squeezed member back (true factor 4)
        Assert.InRange(Math.Abs(weights[1]), 0, 0.3);
        var stacked = informative.Select((p, i) => (float)Ensemble.Sigmoid(bias + weights[0] * Ensemble.Logit(p) + weights[1] * Ensemble.Logit(noise[i]))).ToArray();
        var zero = new double[n];
        Assert.True(MetricsCalculator.Compute(stacked, y, zero).LogLoss < MetricsCalculator.Compute(informative, y, zero).LogLoss);
    }
}
