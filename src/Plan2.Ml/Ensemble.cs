namespace Plan2.Ml;

/// <summary>Combines member probabilities as the manifest's stacking says, and measures their agreement.</summary>
public static class Ensemble
{
    public static double Combine(EnsembleSpec spec, IReadOnlyDictionary<string, double> memberProbabilities)
    {
        var z = spec.Bias;
        foreach (var (name, weight) in spec.Weights)
            z += weight * Logit(memberProbabilities[name]);
        return Sigmoid(z);
    }

    /// <summary>1 when every member leans the same way as the ensemble, 0 when they split evenly.</summary>
    public static double Agreement(double ensemble, IEnumerable<double> members)
    {
        var list = members.ToList();
        if (list.Count == 0) return 0;
        var side = ensemble >= 0.5;
        var agree = list.Count(p => p >= 0.5 == side);
        return Math.Abs(2.0 * agree / list.Count - 1);
    }

    /// <summary><see cref="Agreement(double, IEnumerable{double})"/> without a list: the same value.</summary>
    public static double Agreement(double ensemble, ReadOnlySpan<double> members)
    {
        if (members.Length == 0) return 0;
        var side = ensemble >= 0.5;
        var agree = 0;
        foreach (var p in members)
            if (p >= 0.5 == side)
                agree++;
        return Math.Abs(2.0 * agree / members.Length - 1);
    }

    public static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(q / (1 - q));
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
