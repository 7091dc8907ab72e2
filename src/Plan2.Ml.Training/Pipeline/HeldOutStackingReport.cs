using System.Globalization;
using System.Text;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// The report's answer to "would another way of stacking have won on the held-out data?": every candidate,
/// fitted as the shipped one is, scored on every held-out set (for reading only: the choice was made before),
/// and the hindsight <see cref="StackingBound"/>, which says whether any stacking of these members could.
/// </summary>
public static class HeldOutStackingReport
{
    public static void Append(StringBuilder md, TrainingPipeline.Result result, IReadOnlyList<(string Name, Evaluation Evaluation)> holdouts)
    {
        if (holdouts.Count == 0) return;
        var kinds = result.Manifest.Models.Select(e => e.Name).ToList();
        var sets = holdouts.Select(h => ToBoundSet(h.Name, h.Evaluation, kinds)).ToList();
        md.AppendLine("## Could another stacking have won on the held-out data?");
        md.AppendLine();
        md.AppendLine("Every candidate, its weights fitted on every walk-forward fold as the shipped one's are, scored on each held-out set " +
                      "(log loss, and in brackets minus the best member's or baseline's there; negative wins). Read only after the choice was made: " +
                      "picking by this table would tune the ensemble to the held-out data.");
        md.AppendLine();
        md.AppendLine("| candidate | " + string.Join(" | ", holdouts.Select(h => h.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(holdouts.Select(_ => "---:|")));
        md.AppendLine("| best member or baseline | " + string.Join(" | ", holdouts.Select(h => Best(h.Evaluation))) + " |");
        foreach (var (name, (bias, weights)) in result.CandidateFits)
        {
            var cells = sets.Select(s => Cell(LogLoss(s, bias, weights), s.ToBeat));
            var mark = name == result.ChosenCandidate ? " (shipped)" : "";
            md.AppendLine($"| {name}{mark} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
        md.AppendLine(Bound(kinds, holdouts));
        md.AppendLine();
    }

    /// <summary>The hindsight bound's paragraph: its weights, its margin on every set, and whether it is a win beyond noise.</summary>
    public static string Bound(IReadOnlyList<string> kinds, IReadOnlyList<(string Name, Evaluation Evaluation)> holdouts)
    {
        var sets = holdouts.Select(h => ToBoundSet(h.Name, h.Evaluation, kinds)).ToList();
        var bound = StackingBound.Minimax(sets);
        var worst = Enumerable.Range(0, sets.Count).MaxBy(s => bound.Margins[s]);
        var (_, error, _) = PairedDifference.LogLoss(Combine(sets[worst], 0, bound.Weights), BestMember(sets[worst], holdouts[worst].Evaluation), sets[worst].Labels);
        return string.Create(CultureInfo.InvariantCulture,
            $"The bound, found in hindsight on the held-out rows themselves (never shipped): the non-negative weights without a bias that do best against " +
            $"the strongest member or baseline on every set at once are {string.Join(", ", kinds.Select((k, j) => $"{k} {bound.Weights[j]:0.000}"))}; " +
            $"their margins: {string.Join(", ", sets.Select((s, j) => $"{s.Name} {bound.Margins[j]:+0.000000;-0.000000;0.000000}"))} nats. ") +
            (bound.Margins[worst] < -2 * error
            ? string.Create(CultureInfo.InvariantCulture, $"Even the worst of them ({sets[worst].Name}) is more than twice its paired standard error ({error:0.00000}) below zero: a stacking that wins everywhere exists for these members.")
            : string.Create(CultureInfo.InvariantCulture, $"On {sets[worst].Name} even this bound is no win beyond noise (less than twice its paired standard error, {error:0.00000}, below zero): ") +
                "no stacking of these members, let alone one fitted without these rows, can be shown to beat every member and baseline on every set. " +
                "Closing the gap needs better members, not another combiner.");
    }

    /// <summary>
    /// The hindsight bound again, with each regime its own weights (<paramref name="regimes"/>: each held-out set's
    /// regime per row, named by <paramref name="regimeNames"/>): whether choosing weights by that regime could
    /// have won where one set of weights cannot.
    /// </summary>
    public static string RegimeBound(IReadOnlyList<string> kinds, IReadOnlyList<(string Name, Evaluation Evaluation)> holdouts,
        IReadOnlyList<int[]> regimes, IReadOnlyList<string> regimeNames)
    {
        var sets = holdouts.Select(h => ToBoundSet(h.Name, h.Evaluation, kinds)).ToList();
        var bound = StackingBound.Minimax(sets, regimes, regimeNames.Count);
        var worst = Enumerable.Range(0, sets.Count).MaxBy(s => bound.Margins[s]);
        var set = sets[worst];
        float[] combined = [.. Enumerable.Range(0, set.Labels.Length).Select(i => set.Members.All(p => float.IsFinite(p[i]))
            ? CausalStacking.Combine(set.Members, i, 0, bound.Weights[(regimes[worst][i] * kinds.Count)..((regimes[worst][i] + 1) * kinds.Count)])
            : float.NaN)];
        var (_, error, _) = PairedDifference.LogLoss(combined, BestMember(set, holdouts[worst].Evaluation), set.Labels);
        var weights = string.Join(", ", regimeNames.Select((r, j) => $"{r}: {string.Join(", ", kinds.Select((k, i) => FormattableString.Invariant($"{k} {bound.Weights[j * kinds.Count + i]:0.000}")))}"));
        var margins = string.Join(", ", sets.Select((s, j) => FormattableString.Invariant($"{s.Name} {bound.Margins[j]:+0.000000;-0.000000;0.000000}")));
        var verdict = bound.Margins[worst] < -2 * error
            ? FormattableString.Invariant($"even the worst ({set.Name}) is more than twice its paired standard error ({error:0.00000}) below zero: weights chosen by regime could win everywhere.")
            : FormattableString.Invariant($"on {set.Name} that is still no win beyond noise (less than twice its paired standard error, {error:0.00000}, below zero): weights chosen by regime cannot be shown to win there either.");
        return $"With weights per regime ({weights}), found in hindsight the same way, the margins are {margins} nats; {verdict}";
    }

    private static BoundSet ToBoundSet(string name, Evaluation e, IReadOnlyList<string> kinds) =>
        new(name, [.. kinds.Select(k => e.MemberProbabilities[k])], e.Labels,
            e.Models.Select(x => x.Metrics.LogLoss).Concat(e.Baselines.Select(b => b.Metrics.LogLoss)).Min());

    private static string Best(Evaluation e)
    {
        var (name, loss) = e.Models.Select(x => (x.Model.Name, x.Metrics.LogLoss)).Concat(e.Baselines.Select(b => (b.Name, b.Metrics.LogLoss))).MinBy(x => x.Item2);
        return string.Create(CultureInfo.InvariantCulture, $"{name} {loss:0.00000}");
    }

    private static float[] BestMember(BoundSet set, Evaluation e) =>
        set.Members[e.Models.Select((x, j) => (j, x.Metrics.LogLoss)).MinBy(x => x.LogLoss).j];

    private static string Cell(double loss, double toBeat) => string.Create(CultureInfo.InvariantCulture, $"{loss:0.00000} ({loss - toBeat:+0.00000;-0.00000})");

    private static double LogLoss(BoundSet set, double bias, double[] weights) =>
        MetricsCalculator.Compute(Combine(set, bias, weights), set.Labels, new double[set.Labels.Length]).LogLoss;

    private static float[] Combine(BoundSet set, double bias, double[] weights) =>
        [.. Enumerable.Range(0, set.Labels.Length).Select(i => set.Members.All(p => float.IsFinite(p[i])) ? CausalStacking.Combine(set.Members, i, bias, weights) : float.NaN)];
}
