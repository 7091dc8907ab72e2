namespace Plan2.Ml.Training.Pipeline;

/// <summary>One held-out set as the bound sees it: members' P(up), labels, and the log loss to beat (the best member's or baseline's).</summary>
public sealed record BoundSet(string Name, IReadOnlyList<float[]> Members, float[] Labels, double ToBeat);

/// <summary>
/// How far any stacking of these members could go on the held-out data, found in hindsight on the held-out
/// rows themselves (so a bound, never shipped): the one set of non-negative weights on the members' logits,
/// without a bias (as the shipped ensemble), that minimises the worst margin over every set, the margin being the
/// ensemble's log loss minus the best member's or baseline's on that set. If even this bound is within noise of
/// zero, no stacking fitted without those rows can be expected to beat every member everywhere.
/// </summary>
public static class StackingBound
{
    public sealed record Outcome(double[] Weights, double[] Margins);

    public static Outcome Minimax(IReadOnlyList<BoundSet> sets) =>
        Minimax(sets, [.. sets.Select(s => new int[s.Labels.Length])], 1);

    /// <summary>
    /// The bound when the ensemble may weigh the members differently in each regime (a row of set s falls in regime
    /// <c>regimes[s][row]</c>, 0 to <paramref name="regimeCount"/> − 1): weights regime by regime, member by member
    /// (<c>Weights[r · members + k]</c>). It holds the single-weight bound as a special case, so it is never worse:
    /// if even this is within noise of zero, choosing weights by that regime cannot be expected to win either.
    /// </summary>
    public static Outcome Minimax(IReadOnlyList<BoundSet> sets, IReadOnlyList<int[]> regimes, int regimeCount)
    {
        if (sets.Count == 0) throw new ArgumentException("Need at least one held-out set.", nameof(sets));
        if (regimes.Count != sets.Count || regimeCount < 1) throw new ArgumentException("Need one regime per row of every set and at least one regime.", nameof(regimes));
        var m = sets[0].Members.Count;
        var data = sets.Select((s, j) => Logits(s, m, regimes[j], regimeCount)).ToList();
        var w = Enumerable.Repeat(0.1, m * regimeCount).ToArray();
        var columns = w.Length;
        foreach (var kappa in new[] { 3e4, 3e5, 3e6 })
        {
            var (margins, gradients) = Evaluate(data, sets, w);
            var step = 0.5;
            for (var it = 0; it < 150 && step > 1e-9; it++)
            {
                var objective = SmoothMax(margins, kappa);
                var top = margins.Max();
                var soft = margins.Select(x => Math.Exp(kappa * (x - top))).ToArray();
                var total = soft.Sum();
                var g = new double[columns];
                for (var s = 0; s < sets.Count; s++)
                    for (var k = 0; k < columns; k++) g[k] += soft[s] / total * gradients[s][k];
                while (step > 1e-9)
                {
                    var next = w.Select((x, k) => Math.Max(0, x - step * g[k])).ToArray();
                    var (nextMargins, nextGradients) = Evaluate(data, sets, next);
                    if (SmoothMax(nextMargins, kappa) < objective)
                    {
                        (w, margins, gradients) = (next, nextMargins, nextGradients);
                        step *= 1.5;
                        break;
                    }
                    step /= 2;
                }
            }
        }
        return new Outcome(w, Evaluate(data, sets, w).Margins);
    }

    private static double SmoothMax(double[] x, double kappa)
    {
        var top = x.Max();
        return top + Math.Log(x.Sum(v => Math.Exp(kappa * (v - top)))) / kappa;
    }

    private sealed record SetLogits(double[][] Z, double[] Y);

    /// <summary>One column per regime and member: the member's logit on rows of that regime, 0 on the others.</summary>
    private static SetLogits Logits(BoundSet set, int m, int[] regime, int regimeCount)
    {
        if (set.Members.Count != m) throw new ArgumentException($"{set.Name}: {set.Members.Count} members, expected {m}.");
        if (regime.Length != set.Labels.Length) throw new ArgumentException($"{set.Name}: {regime.Length} regimes for {set.Labels.Length} rows.");
        var rows = Enumerable.Range(0, set.Labels.Length).Where(i => float.IsFinite(set.Labels[i]) && set.Members.All(p => float.IsFinite(p[i]))).ToArray();
        if (rows.Any(i => regime[i] < 0 || regime[i] >= regimeCount)) throw new ArgumentException($"{set.Name}: a regime outside 0–{regimeCount - 1}.");
        var z = new double[m * regimeCount][];
        for (var r = 0; r < regimeCount; r++)
            for (var k = 0; k < m; k++)
                z[r * m + k] = [.. rows.Select(i => regime[i] == r ? Ensemble.Logit(set.Members[k][i]) : 0)];
        return new SetLogits(z, [.. rows.Select(i => (double)set.Labels[i])]);
    }

    /// <summary>Each set's margin (mean log loss of the combination minus what it must beat) and its gradient in the weights.</summary>
    private static (double[] Margins, double[][] Gradients) Evaluate(List<SetLogits> data, IReadOnlyList<BoundSet> sets, double[] w)
    {
        var margins = new double[data.Count];
        var gradients = new double[data.Count][];
        for (var s = 0; s < data.Count; s++)
        {
            var (z, y) = (data[s].Z, data[s].Y);
            var g = new double[w.Length];
            double loss = 0;
            for (var i = 0; i < y.Length; i++)
            {
                double v = 0;
                for (var k = 0; k < w.Length; k++) v += w[k] * z[k][i];
                // log(1 + e^v) − y·v, stable for large |v|; its derivative in v is σ(v) − y
                loss += Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v))) - y[i] * v;
                var e = Ensemble.Sigmoid(v) - y[i];
                for (var k = 0; k < w.Length; k++) g[k] += e * z[k][i];
            }
            var n = Math.Max(y.Length, 1);
            margins[s] = loss / n - sets[s].ToBeat;
            gradients[s] = [.. g.Select(x => x / n)];
        }
        return (margins, gradients);
    }
}
