using System.Globalization;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// One way of fitting the stacked ensemble's bias and weights from members' out-of-sample predictions.
/// Not <see cref="Eligible"/>: scored for the report as a reference, never shipped.
/// </summary>
public sealed record StackingCandidate(string Name, string Description, CausalStacking.Fitter Fit, bool Eligible = true);

/// <summary>
/// Picks how to stack by time-causal walk-forward log loss alone (each fold scored by weights fitted on
/// the folds before it): held-out data never takes part, so the choice cannot be tuned to it.
/// Every candidate is linear in the members' logits, which is all serving knows how to combine; the
/// eligible ones have non-negative weights, so each member only ever pulls the ensemble its own way.
/// </summary>
public static class EnsembleSelection
{
    public sealed record Outcome(StackingCandidate Chosen, float[] OutOfSample, IReadOnlyDictionary<string, Metrics> Scores);

    public static IReadOnlyList<StackingCandidate> Candidates() =>
    [
        // Free-sign weights use a member upside down; live re-weighting then pulls against a member that does
        // well, and such weights did not carry over to later data: a reference only.
        new("logistic_free_sign", "logistic regression on member logits, L2 1e-3, weights of either sign", (p, y) => Stacker.Fit(p, y, new StackingOptions(1e-3)), Eligible: false),
        new("non_negative", "logistic regression on member logits, L2 1e-3, weights ≥ 0", (p, y) => Stacker.Fit(p, y, new StackingOptions(1e-3, NonNegative: true))),
        .. new[] { 0.01, 0.1, 1.0 }.Select(l2 => new StackingCandidate(
            string.Create(CultureInfo.InvariantCulture, $"shrink_to_best_{l2:0.##}"),
            string.Create(CultureInfo.InvariantCulture, $"logistic regression on member logits, weights ≥ 0, L2 {l2:0.##} toward weight 1 on the member with the lowest log loss on the fitting rows and 0 elsewhere"),
            (p, y) => Stacker.Fit(p, y, new StackingOptions(l2, NonNegative: true, Target: BestMemberTarget(p, y))))),
        new("logit_mixture", "a convex mixture of member logits (weights ≥ 0 summing to 1 on a 0.1 grid, no bias): combines without recalibrating", LogitMixture.Fit),
        new("best_member", "the member with the lowest log loss on the fitting rows alone, recalibrated (logistic on its logit)", FitBestOnly),
    ];

    public static Outcome Choose(IReadOnlyList<float[]> members, TrainingRows rows, IReadOnlyList<Fold> folds, IReadOnlyList<StackingCandidate> candidates)
    {
        var labels = CausalStacking.LabelsOf(rows.Y, folds);
        var scored = candidates.Select(c =>
        {
            var oos = CausalStacking.OutOfSample(members, rows.Y, folds, c.Fit);
            return (Candidate: c, Oos: oos, Metrics: MetricsCalculator.Compute(oos, labels, rows.ForwardReturn));
        }).ToList();
        // Order kept on ties: the simpler, earlier candidate wins.
        var eligible = scored.Where(s => s.Candidate.Eligible).ToList();
        var best = eligible.Where(s => double.IsFinite(s.Metrics.LogLoss)).DefaultIfEmpty(eligible[0]).MinBy(s => s.Metrics.LogLoss);
        return new Outcome(best.Candidate, best.Oos, scored.ToDictionary(s => s.Candidate.Name, s => s.Metrics));
    }

    /// <summary>Weight 1 on the member with the lowest log loss over the labelled rows, 0 on the others.</summary>
    public static double[] BestMemberTarget(IReadOnlyList<float[]> members, float[] labels)
    {
        var target = new double[members.Count];
        target[BestMember(members, labels)] = 1;
        return target;
    }

    private static (double Bias, double[] Weights) FitBestOnly(IReadOnlyList<float[]> members, float[] labels)
    {
        var best = BestMember(members, labels);
        var (bias, w) = Stacker.Fit([members[best]], labels, new StackingOptions(1e-3));
        var weights = new double[members.Count];
        weights[best] = w[0];
        return (bias, weights);
    }

    private static int BestMember(IReadOnlyList<float[]> members, float[] labels)
    {
        // Every member on the same rows: those where all of them and the label are defined.
        var covered = labels.Select((y, i) => members.All(m => float.IsFinite(m[i])) ? y : float.NaN).ToArray();
        var zero = new double[labels.Length];
        return Enumerable.Range(0, members.Count).MinBy(k => MetricsCalculator.Compute(members[k], covered, zero).LogLoss);
    }
}
