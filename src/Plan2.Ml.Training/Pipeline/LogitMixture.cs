namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// A convex mixture of member logits, no bias and no rescaling: weights ≥ 0 summing to 1, searched on a
/// grid of the simplex (step 0.1) for the lowest log loss on the fitting rows. Unlike the logistic
/// stackers it cannot learn a shrinkage from the fitting folds, so it only combines, never recalibrates.
/// </summary>
public static class LogitMixture
{
    private const int Steps = 10;

    public static (double Bias, double[] Weights) Fit(IReadOnlyList<float[]> members, float[] labels)
    {
        var m = members.Count;
        var rows = Enumerable.Range(0, labels.Length).Where(i => float.IsFinite(labels[i]) && members.All(p => float.IsFinite(p[i]))).ToArray();
        var z = new double[rows.Length * m];
        for (var r = 0; r < rows.Length; r++)
            for (var k = 0; k < m; k++)
                z[r * m + k] = Ensemble.Logit(members[k][rows[r]]);
        var best = new double[m];
        var bestLoss = double.PositiveInfinity;
        var units = new int[m];
        void Search(int k, int left)
        {
            if (k == m - 1)
            {
                units[k] = left;
                var loss = 0.0;
                for (var r = 0; r < rows.Length; r++)
                {
                    var s = 0.0;
                    for (var j = 0; j < m; j++) s += units[j] * z[r * m + j];
                    s /= Steps;
                    // log(1 + e^s) − y·s, stable for large |s|
                    loss += Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s))) - labels[rows[r]] * s;
                }
                if (loss < bestLoss)
                {
                    bestLoss = loss;
                    for (var j = 0; j < m; j++) best[j] = (double)units[j] / Steps;
                }
                return;
            }
            for (var u = 0; u <= left; u++)
            {
                units[k] = u;
                Search(k + 1, left - u);
            }
        }
        if (m > 0) Search(0, Steps);
        return (0, best);
    }
}
