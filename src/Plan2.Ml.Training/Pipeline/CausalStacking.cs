using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// Scores the stacked ensemble on walk-forward data the way it would have run at the time: the
/// weights that score a block of <see cref="CausalSchedule"/> are fitted on the out-of-sample
/// predictions and labels known before that block only, so the first blocks have no ensemble figure.
/// (Cross-fitting, which also uses later folds, would let the weights learn from the future they are scored on.)
/// </summary>
public static class CausalStacking
{
    public delegate (double Bias, double[] Weights) Fitter(IReadOnlyList<float[]> memberProbabilities, float[] labels);

    public static float[] OutOfSample(IReadOnlyList<float[]> members, float[] y, CausalSchedule schedule, Fitter fit) =>
        OutOfSample(members, schedule, Fits(members, y, schedule, fit));

    /// <summary>Each scored block's bias and weights, fitted on the labels known before it.</summary>
    public static Dictionary<int, (double Bias, double[] Weights)> Fits(IReadOnlyList<float[]> members, float[] y, CausalSchedule schedule, Fitter fit) =>
        schedule.Scored.ToDictionary(b => b, b => fit(members, schedule.LabelsBefore(y, b)));

    public static float[] OutOfSample(IReadOnlyList<float[]> members, CausalSchedule schedule, IReadOnlyDictionary<int, (double Bias, double[] Weights)> fits)
    {
        var ensemble = Nan(schedule.TimesMs.Length);
        foreach (var (b, (bias, weights)) in fits)
            for (var i = schedule.Blocks[b].Start; i < schedule.Blocks[b].End; i++)
                ensemble[i] = Combine(members, i, bias, weights);
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
