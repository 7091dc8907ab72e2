using Plan2.Core.Features;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// Per-model, ensemble and baseline scores of shipped ONNX models on any labelled data; <see cref="Served"/> is the
/// ensemble as the live path serves it (stacked weights moved by live accuracy, <see cref="LiveReplay"/>) on the same rows.
/// </summary>
public sealed record Evaluation(long Rows, IReadOnlyList<(ModelEntry Model, Metrics Metrics)> Models, Metrics Ensemble,
    IReadOnlyList<(string Name, Metrics Metrics)> Baselines, float[] EnsembleProbabilities, float[] Labels,
    IReadOnlyDictionary<string, float[]> MemberProbabilities, Metrics Served, float[] ServedProbabilities);

public static class Evaluator
{
    /// <summary>Refuses models trained on another feature schema: their columns would mean something else.</summary>
    public static void CheckSchema(ModelManifest manifest)
    {
        if (manifest.FeatureSchemaHash != FeatureSchema.Hash)
            throw new InvalidDataException($"The models were trained on feature schema {manifest.FeatureSchemaHash}; this build computes {FeatureSchema.Hash}. Retrain them.");
        foreach (var model in manifest.Models.Where(m => m.FeatureSchemaHash != FeatureSchema.Hash))
            throw new InvalidDataException($"Model {model.Name} was trained on feature schema {model.FeatureSchemaHash}, not {FeatureSchema.Hash}.");
    }

    public static Evaluation Evaluate(ModelManifest manifest, string folder, TrainingRows rows)
    {
        CheckSchema(manifest);
        var x = new float[rows.Count * TrainingRows.Features];
        for (var i = 0; i < rows.Count; i++)
            rows.Row(i).CopyTo(x.AsSpan(i * TrainingRows.Features));
        var fwd = rows.ForwardReturn;
        var members = new List<(ModelEntry, float[])>();
        foreach (var entry in manifest.Models)
        {
            using var scorer = new OnnxScorer(entry, folder);
            var p = entry.WindowSteps > 1 ? ScoreWindows(scorer, rows) : scorer.Score(x, rows.Count, TrainingRows.Features);
            members.Add((entry, p));
        }
        var ensemble = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var probabilities = members.ToDictionary(m => m.Item1.Name, m => (double)m.Item2[i]);
            ensemble[i] = probabilities.Values.All(double.IsFinite) ? (float)Ensemble.Combine(manifest.Ensemble, probabilities) : float.NaN;
        }
        // Score every member and baseline on the rows the ensemble covers, so the table compares like with like.
        var labels = rows.Y.Select((y, i) => float.IsFinite(ensemble[i]) ? y : float.NaN).ToArray();
        var models = members.Select(m => (m.Item1, MetricsCalculator.Compute(m.Item2, labels, fwd))).ToList();
        var baselines = Baselines.Score(manifest, rows, labels);
        var served = Served(manifest, rows, members.Select(m => m.Item2).ToList());
        return new Evaluation(labels.Count(float.IsFinite), models, MetricsCalculator.Compute(ensemble, labels, fwd), baselines, ensemble, labels,
            members.ToDictionary(m => m.Item1.Name, m => m.Item2), MetricsCalculator.Compute(served, labels, fwd), served);
    }

    /// <summary>The rows in time order as a predictor grain would serve them, its live accuracy starting from each member's validation accuracy.</summary>
    private static float[] Served(ModelManifest manifest, TrainingRows rows, IReadOnlyList<float[]> members)
    {
        var served = new float[rows.Count];
        var weights = manifest.Models.Select(e => manifest.Ensemble.Weights.GetValueOrDefault(e.Name)).ToArray();
        var priors = manifest.Models.Select(e => e.Validation.Accuracy).ToArray();
        LiveReplay.Run(members, rows, manifest.HorizonBars, 0, rows.Count, manifest.Ensemble.Bias, weights, priors,
            Serving.LiveMemory.Of(manifest.Ensemble), served);
        return served;
    }

    /// <summary>Sequence models need each row's own series history, which the time-sorted rows interleave.</summary>
    private static float[] ScoreWindows(OnnxScorer scorer, TrainingRows rows)
    {
        var entry = scorer.Entry;
        var windows = rows.Windows(0, rows.Count, entry.WindowSteps, entry.InputMean!, entry.InputStd!);
        var p = scorer.ScoreWindows(windows.X, windows.Rows, windows.Features);
        for (var i = 0; i < p.Length; i++)
            if (rows.Origin(i).Position < entry.WindowSteps - 1)
                p[i] = float.NaN; // not enough history in its series for a full window (labelled or not: serving waits for it too)
        return p;
    }
}
