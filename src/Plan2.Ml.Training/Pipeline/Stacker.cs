namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// How the stacker is constrained: L2 strength, toward which weights it shrinks, whether weights may be negative,
/// and whether it fits a bias (without one the ensemble keeps the members' own sense of the up-rate).
/// </summary>
public sealed record StackingOptions(double L2, bool NonNegative = false, double[]? Target = null, bool FitBias = true);

/// <summary>
/// Fits the ensemble: logistic regression of the label on each member's logit, over walk-forward
/// out-of-sample predictions only, with an L2 penalty that shrinks weights toward zero so a weak
/// member cannot drag the rest down (a plain average did, ML-NOTES). It also calibrates: members'
/// probabilities come out squeezed toward 0.5, the fitted weights stretch them back.
/// </summary>
public static class Stacker
{
    public static (double Bias, double[] Weights) Fit(IReadOnlyList<float[]> memberProbabilities, ReadOnlySpan<float> labels,
        double l2 = 1e-3, int iterations = 300) => Fit(memberProbabilities, labels, new StackingOptions(l2), iterations);

    /// <summary>
    /// Minimises mean log loss + l2/2 · Σ (w_k − target_k)² over the bias and weights. With
    /// <see cref="StackingOptions.NonNegative"/> a member whose weight would be negative is dropped (weight 0)
    /// and the rest refitted, until none is negative: a member then only ever pulls the ensemble its own way.
    /// </summary>
    public static (double Bias, double[] Weights) Fit(IReadOnlyList<float[]> memberProbabilities, ReadOnlySpan<float> labels,
        StackingOptions options, int iterations = 300)
    {
        var m = memberProbabilities.Count;
        var rows = new List<int>();
        for (var i = 0; i < labels.Length; i++)
            if (float.IsFinite(labels[i]) && memberProbabilities.All(p => float.IsFinite(p[i])))
                rows.Add(i);
        var z = new double[rows.Count, m];
        var y = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var k = 0; k < m; k++)
                z[r, k] = Ensemble.Logit(memberProbabilities[k][rows[r]]);
            y[r] = labels[rows[r]];
        }
        var target = options.Target ?? new double[m];
        var active = Enumerable.Repeat(true, m).ToArray();
        while (true)
        {
            var w = Newton(z, y, active, options.L2, target, options.FitBias, iterations);
            if (!options.NonNegative) return (w[0], w[1..]);
            var worst = Enumerable.Range(0, m).Where(k => active[k] && w[k + 1] < 0).OrderBy(k => w[k + 1]).FirstOrDefault(-1);
            if (worst < 0) return (w[0], w[1..]);
            active[worst] = false;
        }
    }

    // Newton's method: the problem is small (m + 1 unknowns) and convex. Inactive members (and the bias, when not fitted) keep 0.
    private static double[] Newton(double[,] z, double[] y, bool[] active, double l2, double[] target, bool fitBias, int iterations)
    {
        var m = active.Length;
        var rowCount = y.Length;
        var w = new double[m + 1];
        for (var it = 0; it < iterations; it++)
        {
            var grad = new double[m + 1];
            var hess = new double[m + 1, m + 1];
            for (var r = 0; r < rowCount; r++)
            {
                var s = w[0];
                for (var k = 0; k < m; k++) s += w[k + 1] * z[r, k];
                var p = Ensemble.Sigmoid(s);
                var g = p - y[r];
                var h = p * (1 - p);
                for (var a = 0; a <= m; a++)
                {
                    var xa = a == 0 ? 1 : z[r, a - 1];
                    grad[a] += g * xa;
                    for (var b = 0; b <= m; b++)
                        hess[a, b] += h * xa * (b == 0 ? 1 : z[r, b - 1]);
                }
            }
            var n = Math.Max(rowCount, 1);
            for (var a = 0; a <= m; a++)
            {
                grad[a] = grad[a] / n + (a > 0 ? l2 * (w[a] - target[a - 1]) : 0);
                for (var b = 0; b <= m; b++)
                    hess[a, b] = hess[a, b] / n + (a == b && a > 0 ? l2 : a == b ? 1e-9 : 0);
            }
            // A dropped member: its row and column become the identity with a zero gradient, so its weight stays 0.
            for (var k = 0; k < m; k++)
            {
                if (active[k]) continue;
                for (var b = 0; b <= m; b++) hess[k + 1, b] = hess[b, k + 1] = 0;
                hess[k + 1, k + 1] = 1;
                grad[k + 1] = 0;
            }
            if (!fitBias)
            {
                for (var b = 0; b <= m; b++) hess[0, b] = hess[b, 0] = 0;
                hess[0, 0] = 1;
                grad[0] = 0;
            }
            var step = Solve(hess, grad);
            var size = 0.0;
            for (var a = 0; a <= m; a++) { w[a] -= step[a]; size = Math.Max(size, Math.Abs(step[a])); }
            if (size < 1e-9) break;
        }
        return w;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            if (pivot != c)
            {
                for (var k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
                (x[c], x[pivot]) = (x[pivot], x[c]);
            }
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var k = c; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            for (var k = r + 1; k < n; k++) x[r] -= m[r, k] * x[k];
            x[r] /= m[r, r];
        }
        return x;
    }
}
