using Plan2.Core.Features;

namespace Plan2.Ml.Serving;

/// <summary>
/// How live results move the stacked ensemble: each member's weight follows its live accuracy in the current
/// regime (trending when ADX ≥ 25, else ranging) relative to its validation accuracy.
/// </summary>
public static class LiveWeighting
{
    private static readonly int Adx = Array.IndexOf(FeatureSchema.Names.ToArray(), "adx14");

    /// <summary>The regime of a feature row: "trending" when ADX ≥ 25, else "ranging".</summary>
    public static string Regime(ReadOnlySpan<float> row) => RegimeNames[RegimeIndex(row)];

    /// <summary>Regimes by index, as the engine keeps them: 0 ranging, 1 trending.</summary>
    public static readonly string[] RegimeNames = ["ranging", "trending"];

    public const int Regimes = 2;

    public static int RegimeIndex(ReadOnlySpan<float> row) => row[Adx] >= 0.25f ? 1 : 0;

    public static int RegimeIndex(string regime) => regime switch
    {
        "ranging" => 0,
        "trending" => 1,
        _ => throw new ArgumentException($"'{regime}' is not a regime: ranging or trending.", nameof(regime)),
    };

    /// <summary>How well a member does live against its validation accuracy: 1 at par, bounded to [0.5, 1.5].</summary>
    public static double Factor(double validationAccuracy, double liveAccuracy) =>
        // Edges are a few tenths of a percent: bound how far live results may move a weight.
        validationAccuracy > 0.5 ? Math.Clamp((liveAccuracy - 0.5) / (validationAccuracy - 0.5), MinFactor, MaxFactor) : 1;

    public const double MinFactor = 0.5, MaxFactor = 1.5;

    /// <summary>Every weight <see cref="Weight"/> can give a member of this stacked weight, whatever its live results.</summary>
    public static (double Low, double High) WeightRange(double stacked) => (Weight(stacked, MinFactor), Weight(stacked, MaxFactor));

    /// <summary>
    /// The member's weight now: its stacked weight moved by (factor − 1)·|stacked|, i.e. toward the member's own
    /// calls when it does better live than in validation and away from them when worse, whatever the sign.
    /// Stacking gives correlated members negative weights (one corrects another), and scaling such a weight by
    /// the factor would pull the ensemble harder against a member the better it did. The move is bounded
    /// by half the stacked weight's size either way, the same bound as for positive weights (for which this
    /// is stacked × factor), and a member stacking gave no say (0) gets none live either.
    /// </summary>
    public static double Weight(double stacked, double factor) => stacked + (factor - 1) * Math.Abs(stacked);

    /// <summary>The live ensemble's probability of up: bias plus each member's live weight times its logit.</summary>
    public static double Combine(double bias, IReadOnlyList<(double Stacked, double Factor, double ProbabilityUp)> members)
    {
        var z = bias;
        foreach (var (stacked, factor, p) in members)
        {
            // A member without weight adds (±)0: skipped, the sum is the same bit for bit, and its call may be unknown (NaN).
            var weight = Weight(stacked, factor);
            if (weight != 0)
                z += weight * Ensemble.Logit(p);
        }
        return Ensemble.Sigmoid(z);
    }

    /// <summary><see cref="Combine(double, IReadOnlyList{ValueTuple{double, double, double}})"/> over parallel arrays, in the same order (same bits).</summary>
    public static double Combine(double bias, ReadOnlySpan<double> stacked, ReadOnlySpan<double> factors, ReadOnlySpan<double> probabilities)
    {
        var z = bias;
        for (var i = 0; i < stacked.Length; i++)
        {
            var weight = Weight(stacked[i], factors[i]);
            if (weight != 0)
                z += weight * Ensemble.Logit(probabilities[i]);
        }
        return Ensemble.Sigmoid(z);
    }
}
