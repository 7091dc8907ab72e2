using System.Diagnostics;
using Plan2.Core.Features;
using Plan2.Core.MarketData;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

public sealed record TrainingSettings(Timeframe Timeframe, int Horizon, int Folds = 3, double ValidationShare = 0.4, string Version = "1");

/// <summary>
/// Walk-forward training of every member kind, the stacked ensemble fitted on their out-of-sample
/// predictions, final models on all rows exported to ONNX (each checked against its trained model),
/// and the manifest. Out-of-sample scores are what the report shows; nothing is scored on rows a
/// model or the stacker was fitted on.
/// </summary>
public sealed class TrainingPipeline(IReadOnlyList<IMemberTrainer> trainers, TrainingSettings settings, IProgress<string> progress)
{
    public sealed record Result(ModelManifest Manifest, TrainingRows Rows, IReadOnlyList<Fold> Folds,
        Dictionary<string, float[]> OutOfSample, float[] EnsembleOutOfSample, Dictionary<string, float[]> BaselineOutOfSample,
        IReadOnlyDictionary<string, (double Bias, double[] Weights)> CandidateFits, string ChosenCandidate, LiveReplay.MemoryChoice Live);

    public Result Run(TrainingRows rows, string outDir, string dataDescription, DataProvenance? data = null)
    {
        var labelSpan = settings.Horizon * settings.Timeframe.Milliseconds();
        var folds = WalkForward.Split(rows.TimesMs, settings.Folds, settings.ValidationShare, labelSpan);
        var oos = trainers.ToDictionary(t => t.Kind, _ => Nan(rows.Count));
        var baselineOos = new Dictionary<string, float[]> { [Baselines.Majority] = Nan(rows.Count), [Baselines.LastMove] = Nan(rows.Count) };
        foreach (var (fold, k) in folds.Select((f, i) => (f, i)))
        {
            progress.Report($"fold {k + 1}/{folds.Count}: train {fold.TrainEnd:N0} rows, validate {fold.ValidationEnd - fold.ValidationStart:N0}");
            foreach (var trainer in trainers)
            {
                var watch = Stopwatch.StartNew();
                var model = trainer.Train(rows, fold.TrainEnd, progress);
                model.Predict(rows, fold.ValidationStart, fold.ValidationEnd).CopyTo(oos[trainer.Kind], fold.ValidationStart);
                progress.Report($"  {trainer.Kind}: {watch.Elapsed.TotalSeconds:0.0} s");
            }
            var fitted = Baselines.Fit(rows, 0, fold.TrainEnd);
            foreach (var name in baselineOos.Keys)
                Baselines.Predict(fitted, name, rows, fold.ValidationStart, fold.ValidationEnd).CopyTo(baselineOos[name], fold.ValidationStart);
        }

        // Time-causal: each block's ensemble uses weights fitted, and a way of stacking chosen, on earlier blocks only;
        // the shipped combiner is the one chosen with every block, its weights fitted on every fold.
        var kinds = trainers.Select(t => t.Kind).ToList();
        var members = kinds.Select(k => oos[k]).ToList();
        var schedule = CausalSchedule.Of(folds, rows.TimesMs, labelSpan);
        var selection = EnsembleSelection.Choose(members, rows.Y, rows.ForwardReturn, schedule, EnsembleSelection.Candidates());
        var ensembleOos = selection.OutOfSample;
        // Every candidate fitted as the chosen one is (on every fold), so the report can show how each would have fared on held-out data.
        var candidateFits = EnsembleSelection.Candidates().ToDictionary(c => c.Name, c => c.Fit(members, Mask(rows.Y, folds)));
        var (finalBias, finalWeights) = candidateFits[selection.Chosen.Name];
        progress.Report($"ensemble: {selection.Chosen.Name} ({string.Join(", ", selection.Scores.Select(c => $"{c.Key} {c.Value.LogLoss:0.00000}"))})");
        var live = LiveReplay.ChooseMemory(members, rows, settings.Horizon, schedule, folds, selection);
        progress.Report($"live memory: {live.Chosen} ({string.Join(", ", live.Scores.Select(c => $"{c.Key} {c.Value.LogLoss:0.00000}"))})");

        var labels = Mask(rows.Y, folds);
        var window = $"{Date(rows.TimesMs[0])} – {Date(rows.TimesMs[^1])}";
        Directory.CreateDirectory(outDir);
        var entries = new List<ModelEntry>();
        foreach (var trainer in trainers)
        {
            progress.Report($"final {trainer.Kind} on all {rows.Count:N0} rows");
            var model = trainer.Train(rows, rows.Count, progress);
            var entry = Export(model, outDir, window, MetricsCalculator.Compute(oos[trainer.Kind], labels, rows.ForwardReturn));
            CheckParity(model, entry, outDir, rows);
            entries.Add(entry);
        }
        var manifest = new ModelManifest
        {
            FeatureSchemaHash = FeatureSchema.Hash,
            FeatureSchemaVersion = FeatureSchema.Version,
            Features = FeatureSchema.Names,
            Timeframe = settings.Timeframe.ToString(),
            HorizonBars = settings.Horizon,
            Classes = ["down", "up"],
            Models = entries,
            Ensemble = new EnsembleSpec
            {
                Method = $"stacking ({selection.Chosen.Name}): {selection.Chosen.Description}; fitted on walk-forward out-of-sample predictions",
                Candidates = selection.Scores.ToDictionary(c => c.Key, c => c.Value),
                Bias = finalBias,
                Weights = kinds.Select((k, j) => (k, finalWeights[j])).ToDictionary(p => p.k, p => p.Item2),
                Validation = MetricsCalculator.Compute(ensembleOos, labels, rows.ForwardReturn),
                ValidationScope = ScopeOf(schedule, selection),
                Compared = SameRows(ensembleOos, labels, rows, oos.Concat(baselineOos)),
                LiveMemory = live.Memory,
                LiveValidation = MetricsCalculator.Compute(live.OutOfSample, labels, rows.ForwardReturn),
                LiveCandidates = live.Scores.ToDictionary(c => c.Key, c => c.Value),
            },
            Baselines = baselineOos.ToDictionary(b => b.Key, b => MetricsCalculator.Compute(b.Value, labels, rows.ForwardReturn)),
            BaselineFit = Baselines.Fit(rows, 0, rows.Count),
            TrainedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            TrainingData = dataDescription,
            Data = data ?? new DataProvenance(),
        };
        manifest.Save(outDir);
        return new Result(manifest, rows, folds, oos, ensembleOos, baselineOos, candidateFits, selection.Chosen.Name, live);
    }

    private ModelEntry Export(IMemberModel model, string outDir, string window, Metrics validation)
    {
        var file = $"{model.Kind}.onnx";
        var path = Path.Combine(outDir, file);
        File.WriteAllBytes(path, model.ToOnnx());
        var digest = FileDigest.Of(path, file);
        return new ModelEntry
        {
            Name = model.Kind, Kind = model.Kind, Version = settings.Version, File = file, Bytes = digest.Bytes, Sha256 = digest.Sha256,
            FeatureSchemaHash = FeatureSchema.Hash, InputName = model.InputName, OutputName = model.OutputName,
            WindowSteps = model.WindowSteps, InputMean = model.InputMean, InputStd = model.InputStd,
            TrainingWindow = window, Validation = validation, Parameters = new Dictionary<string, string>(model.Parameters),
        };
    }

    /// <summary>The exported file must give the trained model's outputs: checked on the last rows before shipping.</summary>
    private static void CheckParity(IMemberModel model, ModelEntry entry, string outDir, TrainingRows rows)
    {
        var from = Math.Max(0, rows.Count - 2_000);
        var native = model.Predict(rows, from, rows.Count);
        using var scorer = new OnnxScorer(entry, outDir);
        float[] onnx;
        if (entry.WindowSteps > 1)
        {
            var windows = rows.Windows(from, rows.Count, entry.WindowSteps, entry.InputMean!, entry.InputStd!);
            onnx = scorer.ScoreWindows(windows.X, windows.Rows, windows.Features);
        }
        else
        {
            var table = rows.Table(from, rows.Count);
            onnx = scorer.Score(table.X, table.Rows, table.Features);
        }
        var worst = native.Zip(onnx).Where(p => float.IsFinite(p.First) && float.IsFinite(p.Second)).Select(p => Math.Abs(p.First - p.Second)).DefaultIfEmpty(0).Max();
        if (worst > 1e-4)
            throw new InvalidOperationException($"{entry.Name}: the ONNX export differs from the trained model by {worst:g3}.");
    }

    private static float[] Mask(float[] y, IEnumerable<Fold> keep) => CausalStacking.LabelsOf(y, keep);

    private static float[] Nan(int n) => CausalStacking.Nan(n);

    /// <summary>Members and baselines scored on exactly the rows the ensemble's walk-forward figure covers.</summary>
    private static Dictionary<string, Metrics> SameRows(float[] ensemble, float[] labels, TrainingRows rows, IEnumerable<KeyValuePair<string, float[]>> others)
    {
        var covered = labels.Select((y, i) => float.IsFinite(ensemble[i]) ? y : float.NaN).ToArray();
        return others.ToDictionary(o => o.Key, o => MetricsCalculator.Compute(o.Value, covered, rows.ForwardReturn));
    }

    private static string ScopeOf(CausalSchedule schedule, EnsembleSelection.Outcome selection) => !schedule.Scored.Any()
        ? "none: too few walk-forward rows to fit on before scoring"
        : $"walk-forward blocks {schedule.FirstScored + 1}–{schedule.Blocks.Count} of {schedule.Blocks.Count} (each fold in {CausalSchedule.DefaultBlocksPerFold}), " +
          "each scored by the combiner chosen on the blocks before it (the default unless another wins by more than twice the paired standard error) and weights fitted on the rows before it, " +
          $"labels reaching into the block purged; combiners in turn: {Runs(selection.Picks.Select(p => p.Candidate))}";

    /// <summary>"a ×2, b ×8": consecutive repeats counted.</summary>
    internal static string Runs(IEnumerable<string> names)
    {
        var runs = new List<(string Name, int Count)>();
        foreach (var name in names)
            if (runs.Count > 0 && runs[^1].Name == name) runs[^1] = (name, runs[^1].Count + 1);
            else runs.Add((name, 1));
        return string.Join(", ", runs.Select(r => $"{r.Name} ×{r.Count}"));
    }

    private static string Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd");
}
