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
    public static string Regime(ReadOnlySpan<float> row) => row[Adx] >= 0.25f ? "trending" : "ranging";

    /// <summary>How well a member does live against its validation accuracy: 1 at par, bounded to [0.5, 1.5].</summary>
    public static double Factor(double validationAccuracy, double liveAccuracy) =>
        // Edges are a few tenths of a percent: bound how far live results may move a weight.
        validationAccuracy > 0.5 ? Math.Clamp((liveAccuracy - 0.5) / (validationAccuracy - 0.5), 0.5, 1.5) : 1;

    /// <summary>The member's weight now, from its stacked weight and its live factor.</summary>
    public static double Weight(double stacked, double factor) => stacked * factor;
}
