using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Tests.Lifecycle;

/// <summary>Synthetic resolved bars: a true probability of up per bar, the outcome drawn from it, and two models' guesses.</summary>
internal static class ShadowData
{
    /// <summary>
    /// Feeds <paramref name="count"/> bars whose true probability of up is uniform in 0.5 ± <paramref name="spread"/>;
    /// each model maps (true probability, random) to its guess.
    /// </summary>
    public static void Feed(ShadowScoreboard board, Random random, int count, double spread,
        Func<double, Random, double> champion, Func<double, Random, double> challenger)
    {
        for (var i = 0; i < count; i++)
        {
            var q = 0.5 + spread * (2 * random.NextDouble() - 1);
            var up = random.NextDouble() < q;
            board.Record(champion(q, random), challenger(q, random), up);
        }
    }

    public static double Noisy(double q, Random random, double sd) => Math.Clamp(q + sd * Gaussian(random), 0.01, 0.99);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
