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
    public static double Agreement(double ensemble, IEnumerable<double> members) => Agreement(ensemble, [.. members]);

    /// <summary><see cref="Agreement(double, IEnumerable{double})"/> without a list: the same value.</summary>
    public static double Agreement(double ensemble, ReadOnlySpan<double> members) =>
        members.Length == 0 ? 0 : Math.Abs(2.0 * Agreeing(ensemble, members) / members.Length - 1);

    /// <summary>How many members lean the ensemble's way (P(up) at or above one half counts as up).</summary>
    public static int Agreeing(double ensemble, ReadOnlySpan<double> members)
    {
        var side = ensemble >= 0.5;
        var agree = 0;
        foreach (var p in members)
            if (p >= 0.5 == side)
                agree++;
        return agree;
    }

    public static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(q / (1 - q));
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
