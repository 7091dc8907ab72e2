using System.Globalization;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// One way of fitting the stacked ensemble's bias and weights from members' out-of-sample predictions.
/// Not <see cref="Eligible"/>: scored for the report as a reference, never shipped.
/// </summary>
public sealed record StackingCandidate(string Name, string Description, CausalStacking.Fitter Fit, bool Eligible = true);

/// <summary>
/// Picks how to stack by time-causal walk-forward log loss alone: held-out data never takes part, so the
/// choice cannot be tuned to it. The choice is itself made causally: each block of the
/// <see cref="CausalSchedule"/> is scored by the candidate that wins clearly (<see cref="ClearMargin"/>) on the scored
/// blocks before it (the first by the first eligible candidate), so the ensemble's walk-forward figure does not
/// flatter the selection with rows it was chosen on. What ships is the choice made with every block.
/// Every candidate is linear in the members' logits, which is all serving knows how to combine; the
/// eligible ones have non-negative weights, so each member only ever pulls the ensemble its own way.
/// </summary>
public static class EnsembleSelection
{
    /// <param name="OutOfSample">The ensemble as it would have run: each block scored by the candidate chosen before it.</param>
    /// <param name="Picks">The candidate that scored each scored block, in time order, with the bias and weights it scored with.</param>
    public sealed record Outcome(StackingCandidate Chosen, float[] OutOfSample, IReadOnlyDictionary<string, Metrics> Scores,
        IReadOnlyList<(int Block, string Candidate, double Bias, double[] Weights)> Picks);

    public static IReadOnlyList<StackingCandidate> Candidates() =>
    [
        // Free-sign weights use a member upside down; live re-weighting then pulls against a member that does
        // well, and such weights did not carry over to later data: a reference only.
        new("logistic_free_sign", "logistic regression on member logits, L2 1e-3, weights of either sign", (p, y) => Stacker.Fit(p, y, new StackingOptions(1e-3)), Eligible: false),
        // The default, first of the eligible: the up-rate drifts from one stretch to the next (49.4 %, 51.2 %, 48.5 % in
        // the three EURUSD folds), and a bias fitted on the past can chase the last stretch's drift.
        new("non_negative_no_bias", "logistic regression on member logits without a bias, L2 1e-3, weights ≥ 0", (p, y) => Stacker.Fit(p, y, new StackingOptions(1e-3, NonNegative: true, FitBias: false))),
        new("non_negative", "logistic regression on member logits, L2 1e-3, weights ≥ 0", (p, y) => Stacker.Fit(p, y, new StackingOptions(1e-3, NonNegative: true))),
        .. new[] { 0.01, 0.1, 1.0 }.Select(l2 => new StackingCandidate(
            string.Create(CultureInfo.InvariantCulture, $"shrink_to_best_{l2:0.##}"),
            string.Create(CultureInfo.InvariantCulture, $"logistic regression on member logits, weights ≥ 0, L2 {l2:0.##} toward weight 1 on the member with the lowest log loss on the fitting rows and 0 elsewhere"),
            (p, y) => Stacker.Fit(p, y, new StackingOptions(l2, NonNegative: true, Target: BestMemberTarget(p, y))))),
        new("logit_mixture", "a convex mixture of member logits (weights ≥ 0 summing to 1 on a 0.1 grid, no bias): combines without recalibrating", LogitMixture.Fit),
        new("mean_of_best_3", "the mean of the logits of the three members with the lowest log loss on the fitting rows, no bias", (p, y) => MeanOfBest(p, y, 3)),
        new("best_member", "the member with the lowest log loss on the fitting rows alone, recalibrated (logistic on its logit)", FitBestOnly),
    ];

    public static Outcome Choose(IReadOnlyList<float[]> members, float[] y, double[] forwardReturns, CausalSchedule schedule, IReadOnlyList<StackingCandidate> candidates)
    {
        var fits = candidates.Select(c => CausalStacking.Fits(members, y, schedule, c.Fit)).ToList();
        var scored = fits.Select(f => CausalStacking.OutOfSample(members, schedule, f)).ToList();
        var eligible = Enumerable.Range(0, candidates.Count).Where(k => candidates[k].Eligible).ToList();
        if (eligible.Count == 0)
            throw new ArgumentException("No eligible stacking candidate.", nameof(candidates));

        // Eight candidates compared on a few tens of thousands of rows: the lowest log loss alone picks noise (a plain
        // mean of three members once edged out the calibrated stack by 0.0001 and then lost on every other pair).
        var (ensemble, byBlock, final) = BlockByBlock([.. eligible.Select(k => scored[k])], y, schedule);
        var picks = schedule.Scored.Zip(byBlock, (b, e) => (b, candidates[eligible[e]].Name, fits[eligible[e]][b].Bias, fits[eligible[e]][b].Weights)).ToList();
        var all = schedule.ScoredLabels(y, schedule.Blocks.Count);
        return new Outcome(candidates[eligible[final]], ensemble,
            candidates.Select((c, k) => (c.Name, MetricsCalculator.Compute(scored[k], all, forwardReturns))).ToDictionary(s => s.Name, s => s.Item2), picks);
    }

    /// <summary>
    /// Choosing among <paramref name="scored"/> time-causally: each scored block of the schedule takes the scores of the
    /// <see cref="ClearWinner"/> on the blocks before it (the first block the first), so the combined figure was not chosen
    /// on its own rows; <c>Final</c> is the clear winner on every scored block, what ships.
    /// </summary>
    public static (float[] OutOfSample, int[] Picks, int Final) BlockByBlock(IReadOnlyList<float[]> scored, float[] y, CausalSchedule schedule)
    {
        var combined = CausalStacking.Nan(y.Length);
        var picks = new List<int>();
        foreach (var b in schedule.Scored)
        {
            var pick = b == schedule.FirstScored ? 0 : ClearWinner(scored, schedule.ScoredLabels(y, b));
            picks.Add(pick);
            Array.Copy(scored[pick], schedule.Blocks[b].Start, combined, schedule.Blocks[b].Start, schedule.Blocks[b].End - schedule.Blocks[b].Start);
        }
        return (combined, [.. picks], ClearWinner(scored, schedule.ScoredLabels(y, schedule.Blocks.Count)));
    }

    /// <summary>
    /// The index of the scores that win clearly on <paramref name="labels"/>: the current choice, starting from the first,
    /// is replaced by a later one only if that one's log loss is lower by more than <see cref="ClearMargin"/> paired
    /// standard errors of the per-row difference (a candidate without a figure there never replaces one with).
    /// </summary>
    public static int ClearWinner(IReadOnlyList<float[]> scored, float[] labels)
    {
        var choice = 0;
        for (var k = 1; k < scored.Count; k++)
        {
            if (!double.IsFinite(LogLoss(scored[k], labels))) continue;
            if (!double.IsFinite(LogLoss(scored[choice], labels))) { choice = k; continue; }
            var (mean, se, _) = PairedDifference.LogLoss(scored[k], scored[choice], labels);
            if (mean < -ClearMargin * se) choice = k;
        }
        return choice;
    }

    /// <summary>How many paired standard errors a candidate must win by to replace the current choice.</summary>
    public const double ClearMargin = 2;

    private static double LogLoss(float[] p, float[] labels) => MetricsCalculator.Compute(p, labels, new double[labels.Length]).LogLoss;

    /// <summary>Weight 1 on the member with the lowest log loss over the labelled rows, 0 on the others.</summary>
    public static double[] BestMemberTarget(IReadOnlyList<float[]> members, float[] labels)
    {
        var target = new double[members.Count];
        target[MembersByLogLoss(members, labels)[0]] = 1;
        return target;
    }

    private static (double Bias, double[] Weights) FitBestOnly(IReadOnlyList<float[]> members, float[] labels)
    {
        var best = MembersByLogLoss(members, labels)[0];
        var (bias, w) = Stacker.Fit([members[best]], labels, new StackingOptions(1e-3));
        var weights = new double[members.Count];
        weights[best] = w[0];
        return (bias, weights);
    }

    private static (double Bias, double[] Weights) MeanOfBest(IReadOnlyList<float[]> members, float[] labels, int count)
    {
        var weights = new double[members.Count];
        var best = MembersByLogLoss(members, labels).Take(count).ToList();
        foreach (var k in best) weights[k] = 1.0 / best.Count;
        return (0, weights);
    }

    /// <summary>Members from lowest log loss up, each scored on the same rows: those where all of them and the label are defined.</summary>
    private static int[] MembersByLogLoss(IReadOnlyList<float[]> members, float[] labels)
    {
        var covered = labels.Select((y, i) => members.All(m => float.IsFinite(m[i])) ? y : float.NaN).ToArray();
        return [.. Enumerable.Range(0, members.Count).OrderBy(k => LogLoss(members[k], covered))];
    }
}
