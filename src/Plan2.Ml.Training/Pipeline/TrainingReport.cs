using System.Globalization;
using System.Text;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// report.md and model cards beside the models. Every table shows the baselines beside every model,
/// and the verdict is computed from the numbers, so the report cannot claim what the data does not show.
/// </summary>
public static class TrainingReport
{
    public static void Write(string outDir, TrainingPipeline.Result result, IReadOnlyList<(string Name, Evaluation Evaluation)> holdouts)
    {
        var m = result.Manifest;
        var labels = MaskedLabels(result);
        var md = new StringBuilder();
        md.AppendLine("# Model report");
        md.AppendLine();
        md.AppendLine($"Trained {m.TrainedAt} on {m.TrainingData}. Label: direction of the close {m.HorizonBars} {m.Timeframe} bars ahead " +
                      $"(classes {string.Join(", ", m.Classes)}; exact ties dropped). Feature schema v{m.FeatureSchemaVersion} `{m.FeatureSchemaHash}` " +
                      $"({m.Features.Count} features). Walk-forward: {result.Folds.Count} expanding folds over the last 40 % of the rows, " +
                      "training rows whose label window reaches the validation block purged.");
        md.AppendLine();
        md.AppendLine("A coin flip's log loss is 0.69315. Baselines: `majority` always predicts the training up-rate; `last_move` predicts the training up-rate after the last bar's direction.");
        md.AppendLine();
        md.AppendLine("## Walk-forward, out of sample (training period)");
        md.AppendLine();
        md.AppendLine("Every member and baseline over every fold:");
        md.AppendLine();
        Table(md, m.Models.Select(e => (e.Name, e.Validation)).Concat(m.Baselines.Select(b => (b.Key, b.Value))));
        md.AppendLine($"The ensemble, time-causal ({m.Ensemble.ValidationScope}), beside every member and baseline on the same rows:");
        md.AppendLine();
        Table(md, m.Ensemble.Compared.Where(c => m.Models.Any(e => e.Name == c.Key)).Select(c => (c.Key, c.Value))
            .Append(("ensemble", m.Ensemble.Validation)).Concat(ServedRow(m)).Concat(m.Ensemble.Compared.Where(c => m.Baselines.ContainsKey(c.Key)).Select(c => (c.Key, c.Value))));
        md.AppendLine(Verdict(m.Ensemble.Validation, m.Ensemble.Compared.Select(c => (c.Key, c.Value))) +
                      AgainstBestMember(result.EnsembleOutOfSample, result.OutOfSample, labels));
        md.AppendLine();
        if (m.Ensemble.LiveValidation is { } served)
        {
            md.AppendLine("As served (see below how long live accuracy remembers): " + Verdict(served, m.Ensemble.Compared.Select(c => (c.Key, c.Value)), "its") +
                          AgainstBestMember(result.Live.OutOfSample, result.OutOfSample, labels));
            md.AppendLine();
        }
        md.AppendLine($"How the shipped ensemble stacks was chosen on these walk-forward figures alone (held-out data took no part): {m.Ensemble.Method}. " +
                      "Every candidate, time-causal, same rows (the free-sign one is a reference only: it would use a member upside down; " +
                      "the ensemble above is what choosing among them block by block would have scored, not the best of this table in hindsight):");
        md.AppendLine();
        Table(md, m.Ensemble.Candidates.Select(c => (c.Key, c.Value)));
        md.AppendLine("Shipped weights (fitted on every fold): " + string.Join(", ", m.Ensemble.Weights.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value:0.000}"))) +
                      string.Create(CultureInfo.InvariantCulture, $", bias {m.Ensemble.Bias:0.0000}."));
        md.AppendLine();
        md.AppendLine($"Calibration error of the ensemble (mean |predicted − observed| over deciles): {ReportPictures.CalibrationError(result.EnsembleOutOfSample, labels):0.0000}.");
        md.AppendLine();
        LiveMemoryParagraph(md, result);
        md.AppendLine("![accuracy over time](accuracy_over_time.png)");
        md.AppendLine();
        md.AppendLine("![calibration, walk-forward](calibration_walk_forward.png)");
        md.AppendLine();
        foreach (var (name, evaluation) in holdouts)
        {
            md.AppendLine($"## Held out: {name}");
            md.AppendLine();
            md.AppendLine("Never used for training, early stopping or stacking.");
            md.AppendLine();
            Table(md, evaluation.Models.Select(x => (x.Model.Name, x.Metrics)).Append(("ensemble", evaluation.Ensemble))
                .Append((AsServed, evaluation.Served)).Concat(evaluation.Baselines));
            md.AppendLine(Verdict(evaluation));
            md.AppendLine();
            md.AppendLine(ServedVerdict(evaluation));
            md.AppendLine();
        }
        if (holdouts.Count > 0)
        {
            md.AppendLine("![calibration, held out](calibration_held_out.png)");
            md.AppendLine();
        }
        HeldOutStackingReport.Append(md, result, holdouts);
        md.AppendLine("## Too good to be true?");
        md.AppendLine();
        md.AppendLine(LookAheadCheck(m.Models.Select(e => (e.Name, e.Validation)).Append(("ensemble", m.Ensemble.Validation))
            .Concat(ServedRow(m))
            .Concat(holdouts.SelectMany(h => h.Evaluation.Models.Select(x => ($"{x.Model.Name} on {h.Name}", x.Metrics))
                .Append(($"ensemble on {h.Name}", h.Evaluation.Ensemble)).Append(($"{AsServed} on {h.Name}", h.Evaluation.Served))))));
        md.AppendLine();
        md.AppendLine("## What this does not show");
        md.AppendLine();
        md.AppendLine("Gross edge per trade at these horizons is a fraction of a pip, below a typical spread plus commission: " +
                      "these scores are not profits. A backtest must charge costs before any claim about trading.");
        File.WriteAllText(Path.Combine(outDir, "report.md"), md.ToString());

        ReportPictures.AccuracyOverTime(Path.Combine(outDir, "accuracy_over_time.png"), result.Rows.TimesMs, labels,
            result.OutOfSample.Append(new("ensemble", result.EnsembleOutOfSample)).Concat(result.BaselineOutOfSample).ToDictionary(p => p.Key, p => p.Value));
        ReportPictures.Calibration(Path.Combine(outDir, "calibration_walk_forward.png"), "Calibration, walk-forward out of sample",
            result.OutOfSample.Append(new("ensemble", result.EnsembleOutOfSample)).ToDictionary(p => p.Key, p => (p.Value, labels)));
        if (holdouts.Count > 0)
            ReportPictures.Calibration(Path.Combine(outDir, "calibration_held_out.png"), "Calibration of the ensemble, held-out data",
                holdouts.ToDictionary(h => h.Name, h => (h.Evaluation.EnsembleProbabilities, h.Evaluation.Labels)));
        foreach (var entry in m.Models)
            WriteCard(outDir, m, entry);
    }

    /// <summary>The goal, checked: ensemble log loss below every member's and both baselines', positive IC.</summary>
    public static string Verdict(Evaluation e) =>
        Verdict(e.Ensemble, e.Models.Select(x => (x.Model.Name, x.Metrics)).Concat(e.Baselines)) +
        $" Calibration error {ReportPictures.CalibrationError(e.EnsembleProbabilities, e.Labels):0.0000}." +
        AgainstBestMember(e.EnsembleProbabilities, e.MemberProbabilities, e.Labels);

    /// <summary>The ensemble as a predictor grain serves it: the stacked weights moved by each member's live accuracy.</summary>
    public const string AsServed = "ensemble as served";

    private static IEnumerable<(string, Metrics)> ServedRow(ModelManifest m) =>
        m.Ensemble.LiveValidation is { } live ? [(AsServed, live)] : [];

    /// <summary>The goal checked again for the ensemble as served (replayed in time order, each outcome counted once known).</summary>
    public static string ServedVerdict(Evaluation e) =>
        "As served (live weights replayed in time order, each outcome counted once it is known): " +
        Verdict(e.Served, e.Models.Select(x => (x.Model.Name, x.Metrics)).Concat(e.Baselines), "its") +
        AgainstBestMember(e.ServedProbabilities, e.MemberProbabilities, e.Labels);

    /// <summary>How long live accuracy remembers: every memory tried, replayed on the walk-forward rows, and the one chosen.</summary>
    private static void LiveMemoryParagraph(StringBuilder md, TrainingPipeline.Result result)
    {
        var spec = result.Manifest.Ensemble;
        if (spec.LiveMemory is not { } memory || spec.LiveCandidates.Count == 0) return;
        var chosen = LiveMemory.Candidates.FirstOrDefault(c => c.Memory == memory).Name ?? "custom";
        var labels = MaskedLabels(result);
        md.AppendLine("Served, the stacked weights move with each member's live accuracy in the current regime (its live edge over its validation edge, " +
                      $"bounded to {LiveWeighting.MinFactor}…{LiveWeighting.MaxFactor} of the weight). How long that accuracy remembers was chosen as the stacking was: " +
                      "on these walk-forward rows alone, replayed in time order with each block's own weights, live accuracy running on through a fold " +
                      "(the same members) and starting afresh with the next fold's from what was known before it, a later memory replacing the first only " +
                      $"when it wins by more than twice the paired standard error (block by block: {TrainingPipeline.Runs(result.Live.Picks.Select(p => p.Memory))}). " +
                      "The stacked ensemble is what serving without live weights would show:");
        md.AppendLine();
        md.AppendLine("| live memory | prior (outcomes) | decay per outcome | log loss as served | against the stacked ensemble (paired standard error) |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, candidate) in LiveMemory.Candidates)
            if (spec.LiveCandidates.TryGetValue(name, out var metrics) && result.Live.Replays.TryGetValue(name, out var replay))
            {
                var (mean, error, _) = PairedDifference.LogLoss(replay, result.EnsembleOutOfSample, labels);
                md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name}{(name == chosen ? " (shipped)" : "")} | {candidate.PriorWeight:N0} | {candidate.Decay} | {metrics.LogLoss:0.00000} | {mean:+0.00000;-0.00000;0.00000} ({error:0.00000}) |"));
            }
        md.AppendLine();
        var (first, firstReplay) = (LiveMemory.Candidates[0].Name, result.Live.Replays.GetValueOrDefault(LiveMemory.Candidates[0].Name));
        var against = LiveMemory.Candidates.Skip(1).Where(c => firstReplay is not null && result.Live.Replays.ContainsKey(c.Name)).Select(c =>
        {
            var (mean, error, _) = PairedDifference.LogLoss(result.Live.Replays[c.Name], firstReplay!, labels);
            return string.Create(CultureInfo.InvariantCulture, $"`{c.Name}` against `{first}`: {mean:+0.00000;-0.00000;0.00000} (paired standard error {error:0.00000})");
        }).ToList();
        md.AppendLine((against.Count > 0 ? string.Join("; ", against) + ". " : "") + string.Create(CultureInfo.InvariantCulture,
            $"The row `{AsServed}` above is the choice made block by block; the held-out sets below are served with the {chosen} memory."));
        md.AppendLine();
    }

    /// <summary>The ensemble's log loss minus the best member's on the same rows, with its paired standard error.</summary>
    public static string AgainstBestMember(float[] ensemble, IReadOnlyDictionary<string, float[]> members, float[] labels)
    {
        var covered = labels.Select((y, i) => float.IsFinite(ensemble[i]) ? y : float.NaN).ToArray();
        var best = members.Select(m => (m.Key, MetricsCalculator.Compute(m.Value, covered, new double[covered.Length]).LogLoss))
            .Where(m => double.IsFinite(m.LogLoss)).OrderBy(m => m.LogLoss).Select(m => m.Key).FirstOrDefault();
        if (best is null) return "";
        var (mean, error, _) = PairedDifference.LogLoss(ensemble, members[best], covered);
        return string.Create(CultureInfo.InvariantCulture,
            $" Against the best member ({best}): {mean:+0.00000;-0.00000} nats, paired standard error {error:0.00000} (per row; the 5-bar labels overlap, so it understates).");
    }

    public static string Verdict(Metrics ensemble, IEnumerable<(string Name, Metrics Metrics)> others, string whose = "the ensemble's")
    {
        var worse = others.Where(x => x.Metrics.LogLoss <= ensemble.LogLoss)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Name} (by {ensemble.LogLoss - x.Metrics.LogLoss:0.00000} nats)")).ToList();
        return string.Join(" ",
            worse.Count == 0 ? $"{char.ToUpperInvariant(whose[0])}{whose[1..]} log loss is lower than every single model's and both baselines'." :
                $"Falls short: {whose} log loss is not lower than {string.Join(", ", worse)}.",
            ensemble.Ic > 0 ? string.Create(CultureInfo.InvariantCulture, $"Information coefficient {ensemble.Ic:0.000} (positive).")
                : string.Create(CultureInfo.InvariantCulture, $"Falls short: information coefficient {ensemble.Ic:0.000} is not positive."));
    }

    /// <summary>
    /// One-minute FX direction is nearly a coin flip: IC above 0.10, accuracy above 56 % or log loss below
    /// 0.685 from features like these means the future leaked in somewhere, so the report says so.
    /// </summary>
    public static string LookAheadCheck(IEnumerable<(string Name, Metrics Metrics)> scores)
    {
        var suspicious = scores.Where(s => s.Metrics.Ic > 0.10 || s.Metrics.Accuracy > 0.56 || s.Metrics.LogLoss < 0.685).Select(s => s.Name).ToList();
        return suspicious.Count == 0
            ? "No score here has IC above 0.10, accuracy above 56 % or log loss below 0.685, the levels that on one-minute FX would point to look-ahead."
            : $"Look-ahead suspected: {string.Join(", ", suspicious)} score beyond what one-minute FX allows (IC > 0.10, accuracy > 56 % or log loss < 0.685). Do not trust these models until it is found.";
    }

    private static void Table(StringBuilder md, IEnumerable<(string Name, Metrics Metrics)> rows)
    {
        md.AppendLine("| model | rows | accuracy | log loss | Brier | IC |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, x) in rows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {x.Rows:N0} | {x.Accuracy * 100:0.00} % | {x.LogLoss:0.00000} | {x.Brier:0.00000} | {x.Ic:0.0000} |"));
        md.AppendLine();
    }

    private static void WriteCard(string outDir, ModelManifest m, ModelEntry e)
    {
        var card = new StringBuilder();
        card.AppendLine($"# {e.Name} (v{e.Version})");
        card.AppendLine();
        card.AppendLine($"- Kind: {e.Kind}; file `{e.File}`; input `{e.InputName}` ({(e.WindowSteps > 1 ? $"[N, {e.WindowSteps}, {m.Features.Count}] standardised windows" : $"[N, {m.Features.Count}]")}), output `{e.OutputName}` = P(up).");
        card.AppendLine($"- Predicts: direction of the close {m.HorizonBars} {m.Timeframe} bars ahead. Feature schema `{e.FeatureSchemaHash}`.");
        card.AppendLine($"- Trained on: {m.TrainingData}, {e.TrainingWindow}.");
        card.AppendLine($"- Parameters: {string.Join(", ", e.Parameters.Select(p => $"{p.Key}={p.Value}"))}.");
        card.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- Walk-forward out of sample: accuracy {e.Validation.Accuracy * 100:0.00} %, log loss {e.Validation.LogLoss:0.00000}, IC {e.Validation.Ic:0.0000}; majority baseline log loss {m.Baselines["majority"].LogLoss:0.00000}."));
        card.AppendLine("- Limits: a weak, short-horizon FX signal; not a trading result (no costs); see report.md for held-out data.");
        File.WriteAllText(Path.Combine(outDir, $"{e.Name}.md"), card.ToString());
    }

    private static float[] MaskedLabels(TrainingPipeline.Result result) =>
        result.Rows.Y.Select((y, i) => float.IsFinite(result.EnsembleOutOfSample[i]) ? y : float.NaN).ToArray();
}
