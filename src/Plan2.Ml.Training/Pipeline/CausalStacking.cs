using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// Scores the stacked ensemble on walk-forward data the way it would have run at the time: the
/// weights that score fold k are fitted on the out-of-sample predictions of folds 0 … k-1 only, so
/// the first fold has no ensemble figure. (Cross-fitting, which also uses later folds, would let
/// the weights learn from the future they are scored on.)
/// </summary>
public static class CausalStacking
{
    public delegate (double Bias, double[] Weights) Fitter(IReadOnlyList<float[]> memberProbabilities, float[] labels);

    public static float[] OutOfSample(IReadOnlyList<float[]> members, float[] y, IReadOnlyList<Fold> folds, Fitter fit)
    {
        var ensemble = Nan(y.Length);
        for (var k = 1; k < folds.Count; k++)
        {
            var (bias, weights) = fit(members, LabelsOf(y, folds.Take(k)));
            for (var i = folds[k].ValidationStart; i < folds[k].ValidationEnd; i++)
                ensemble[i] = Combine(members, i, bias, weights);
        }
        return ensemble;
    }

    public static float Combine(IReadOnlyList<float[]> members, int row, double bias, double[] weights)
    {
        var z = bias;
        for (var j = 0; j < members.Count; j++)
            z += weights[j] * Ensemble.Logit(members[j][row]);
        return (float)Ensemble.Sigmoid(z);
    }

    /// <summary>The labels of the given folds' validation blocks; NaN elsewhere.</summary>
    public static float[] LabelsOf(float[] y, IEnumerable<Fold> keep)
    {
        var masked = Nan(y.Length);
        foreach (var f in keep)
            Array.Copy(y, f.ValidationStart, masked, f.ValidationStart, f.ValidationEnd - f.ValidationStart);
        return masked;
    }

    public static float[] Nan(int n)
    {
        var a = new float[n];
        Array.Fill(a, float.NaN);
        return a;
    }
}
