using System.Globalization;

namespace Plan2.Ml.Lifecycle;

/// <summary>
/// When a challenger replaces the champion: enough paired bars, a mean log-loss gain worth a swap, and
/// that gain far enough below zero in standard errors to not be luck. All three must hold.
/// Call <see cref="Decide(ShadowScoreboard)"/> at scheduled checkpoints (e.g. daily), not every bar:
/// stopping at the first bar the test passes would multiply the chance of promoting a coin flip.
/// </summary>
/// <param name="MinResolved">
/// 1440 = one day of M1 bars, so both sides are compared across the Asian, London and New York
/// sessions (the edge depends on time of day), and the standard error rests on enough bars to trust.
/// </param>
/// <param name="MinLogLossImprovement">
/// 0.0005 nats: the whole edge over a coin flip is 0.001–0.003 nats, so a gain below about a fifth
/// of it is not worth the risk of a swap (and resetting live-accuracy state).
/// </param>
/// <param name="MinStandardErrors">
/// 2: the mean paired difference must lie at least 2 standard errors below zero (about 2.3 % chance,
/// one-sided, that an equal challenger passes at one checkpoint).
/// </param>
public sealed record PromotionPolicy(int MinResolved = 1440, double MinLogLossImprovement = 0.0005, double MinStandardErrors = 2.0)
{
    public static PromotionPolicy Default { get; } = new();

    /// <summary>Every violation, so a bad configuration is fixed in one go; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinResolved < 2) errors.Add($"{nameof(MinResolved)} must be at least 2 (a standard error needs two pairs), was {MinResolved}.");
        if (!double.IsFinite(MinLogLossImprovement) || MinLogLossImprovement < 0)
            errors.Add($"{nameof(MinLogLossImprovement)} must be finite and ≥ 0, was {MinLogLossImprovement}.");
        if (!double.IsFinite(MinStandardErrors) || MinStandardErrors < 0)
            errors.Add($"{nameof(MinStandardErrors)} must be finite and ≥ 0, was {MinStandardErrors}.");
        return errors;
    }

    public PromotionDecision Decide(ShadowScoreboard board) => Decide(board.Evidence());

    public PromotionDecision Decide(ShadowEvidence e)
    {
        var errors = Validate();
        if (errors.Count > 0) throw new InvalidOperationException("Invalid promotion policy: " + string.Join(" ", errors));

        if (e.Window < MinResolved)
            return Keep(PromotionReason.WindowTooSmall, e, $"window of {e.Window} pairs is below the {MinResolved} required: this scoreboard can never promote");
        if (e.Pairs < MinResolved)
            return Keep(PromotionReason.TooFewPairs, e, $"{e.Pairs} of {MinResolved} paired bars resolved");

        var gain = -e.MeanLossDifference;
        var summary = F($"challenger log loss {e.Challenger.LogLoss:F5} vs champion {e.Champion.LogLoss:F5} over {e.Pairs} paired bars; mean difference {e.MeanLossDifference:+0.00000;-0.00000} nats, SE {e.StandardError:F5}");
        if (!(gain >= MinLogLossImprovement))
            return Keep(PromotionReason.ImprovementTooSmall, e,
                F($"{summary}: {(gain <= 0 ? "no better" : "better by less")} than the {MinLogLossImprovement:F5} nats required"));
        // SE 0 with a real gain means every bar improved equally: as strong as evidence gets.
        var z = e.StandardError > 0 ? gain / e.StandardError : double.PositiveInfinity;
        if (!(z >= MinStandardErrors))
            return Keep(PromotionReason.NotSignificant, e, F($"{summary}: {z:F2} standard errors below zero, {MinStandardErrors:F2} required"));
        return new PromotionDecision(PromotionOutcome.Promote, PromotionReason.Promoted,
            F($"promote challenger: {summary}: {z:F2} standard errors below zero"), this, e);
    }

    private PromotionDecision Keep(PromotionReason reason, ShadowEvidence e, string why) =>
        new(PromotionOutcome.Keep, reason, "keep champion: " + why, this, e);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
