using Plan2.Ml.Training;

namespace Plan2.Ml.Tests.Lstm;

/// <summary>Synthetic windows for the LSTM tests, all seeded.</summary>
internal static class LstmTestData
{
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>
    /// Label = 1 when feature 0 summed over the window is positive (needs memory across all steps), then a
    /// <paramref name="flipRate"/> share of labels flipped at random.
    /// </summary>
    public static SequenceData SumSign(int rows, int steps, int features, int seed, double flipRate = 0)
    {
        var rng = new Random(seed);
        var x = new float[rows * steps * features];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int t = 0; t < steps; t++)
                for (int f = 0; f < features; f++)
                {
                    // Feature 0 on a raw scale far from 1 so the scaling, not luck, makes it learnable.
                    double v = Gaussian(rng);
                    x[(r * steps + t) * features + f] = (float)(f == 0 ? 5 + 0.01 * v : v);
                    if (f == 0) sum += v;
                }
            y[r] = (sum > 0) != (rng.NextDouble() < flipRate) ? 1 : 0;
        }
        return new SequenceData(x, rows, steps, features, y);
    }

    /// <summary>Noise features and coin-flip labels: anything learned is overfitting.</summary>
    public static SequenceData Noise(int rows, int steps, int features, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * steps * features];
        for (int i = 0; i < x.Length; i++) x[i] = (float)Gaussian(rng);
        var y = new float[rows];
        for (int r = 0; r < rows; r++) y[r] = rng.Next(2);
        return new SequenceData(x, rows, steps, features, y);
    }

    public static double LogLoss(float[] p, float[] y)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double q = Math.Clamp(p[i], 1e-7, 1 - 1e-7);
            sum -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
        }
        return sum / p.Length;
    }

    public static double Accuracy(float[] p, float[] y)
    {
        int hits = 0;
        for (int i = 0; i < p.Length; i++) if ((p[i] > 0.5f) == (y[i] == 1)) hits++;
        return (double)hits / p.Length;
    }
}
