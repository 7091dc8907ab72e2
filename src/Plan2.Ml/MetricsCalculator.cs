namespace Plan2.Ml;

/// <summary>
/// How good probabilities are: accuracy (threshold 0.5), log loss (natural log; a coin flip scores
/// 0.69315), Brier score, and the information coefficient: Spearman's rank correlation between the
/// score and the realised forward return.
/// </summary>
public static class MetricsCalculator
{
    public static Metrics Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, ReadOnlySpan<double> forwardReturns)
    {
        double correct = 0, logLoss = 0, brier = 0;
        var scores = new List<double>();
        var returns = new List<double>();
        long n = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            var y = labels[i];
            if (!float.IsFinite(p) || !float.IsFinite(y)) continue;
            var q = Math.Clamp(p, 1e-7, 1 - 1e-7);
            correct += (p >= 0.5f ? 1 : 0) == (int)y ? 1 : 0;
            logLoss -= y * Math.Log(q) + (1 - y) * Math.Log(1 - q);
            brier += (p - y) * (p - y);
            scores.Add(p);
            returns.Add(forwardReturns[i]);
            n++;
        }
        if (n == 0) return new Metrics(0, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Metrics(n, correct / n, logLoss / n, brier / n, Spearman(scores, returns));
    }

    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Average ranks, ties sharing the mean of their positions.</summary>
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }
}
