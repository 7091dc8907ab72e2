namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// Fits the ensemble: logistic regression of the label on each member's logit, over walk-forward
/// out-of-sample predictions only, with an L2 penalty that shrinks weights toward zero so a weak
/// member cannot drag the rest down (a plain average did, ML-NOTES). It also calibrates: members'
/// probabilities come out squeezed toward 0.5, the fitted weights stretch them back.
/// </summary>
public static class Stacker
{
    public static (double Bias, double[] Weights) Fit(IReadOnlyList<float[]> memberProbabilities, ReadOnlySpan<float> labels,
        double l2 = 1e-3, int iterations = 300)
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
        // Newton's method: the problem is small (m + 1 unknowns) and convex.
        var w = new double[m + 1];
        for (var it = 0; it < iterations; it++)
        {
            var grad = new double[m + 1];
            var hess = new double[m + 1, m + 1];
            for (var r = 0; r < rows.Count; r++)
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
            var n = Math.Max(rows.Count, 1);
            for (var a = 0; a <= m; a++)
            {
                grad[a] = grad[a] / n + (a > 0 ? l2 * w[a] : 0);
                for (var b = 0; b <= m; b++)
                    hess[a, b] = hess[a, b] / n + (a == b && a > 0 ? l2 : a == b ? 1e-9 : 0);
            }
            var step = Solve(hess, grad);
            var size = 0.0;
            for (var a = 0; a <= m; a++) { w[a] -= step[a]; size = Math.Max(size, Math.Abs(step[a])); }
            if (size < 1e-9) break;
        }
        return (w[0], w[1..]);
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
