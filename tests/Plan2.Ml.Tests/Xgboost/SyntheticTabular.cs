using Plan2.Ml.Training;

namespace Plan2.Ml.Tests.Xgboost;

/// <summary>
/// Seeded tabular data with a learnable signal and NaNs of two kinds: informative (x0 hidden when it is
/// high, so missing should go right) and random (x1 and a sprinkle everywhere), so trees learn default
/// directions both ways and the export's missing-value routing is actually exercised.
/// </summary>
internal static class SyntheticTabular
{
    public const int Features = 6;

    public static TabularData Signal(int rows, int seed) => Make(rows, seed, noiseLabels: false);

    public static TabularData Noise(int rows, int seed) => Make(rows, seed, noiseLabels: true);

    private static TabularData Make(int rows, int seed, bool noiseLabels)
    {
        var random = new Random(seed);
        var x = new float[rows * Features];
        var y = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * Features, Features);
            for (var f = 0; f < Features; f++) row[f] = (float)Normal(random);
            var logit = 0.3 + 1.0 * row[0] - 0.8 * row[1] + 0.5 * row[2] * row[3];
            var p = noiseLabels ? 0.5 : 1 / (1 + Math.Exp(-logit));
            y[r] = random.NextDouble() < p ? 1f : 0f;
            if (row[0] > 1f) row[0] = float.NaN;
            if (random.NextDouble() < 0.15) row[1] = float.NaN;
            for (var f = 2; f < Features; f++)
                if (random.NextDouble() < 0.05) row[f] = float.NaN;
        }
        return new TabularData(x, rows, Features, y);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static double LogLoss(float[] p, float[] y)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
            sum -= y[i] == 1f ? Math.Log(p[i]) : Math.Log(1 - p[i]);
        return sum / p.Length;
    }
}
