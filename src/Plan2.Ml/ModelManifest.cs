using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plan2.Ml;

/// <summary>
/// onnx-models/manifest.json: every shipped model with what serving and evaluation need to use it
/// safely, and the ensemble that combines them. Written by <c>plan2 train</c>.
/// </summary>
public sealed class ModelManifest
{
    public const string FileName = "manifest.json";
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public int FormatVersion { get; set; } = 1;
    public required string FeatureSchemaHash { get; set; }
    public required int FeatureSchemaVersion { get; set; }
    public required IReadOnlyList<string> Features { get; set; }
    public required string Timeframe { get; set; }
    public required int HorizonBars { get; set; }
    /// <summary>Class 1 means the close <see cref="HorizonBars"/> bars ahead is above this bar's close; exact ties are dropped.</summary>
    public required IReadOnlyList<string> Classes { get; set; }
    public required IReadOnlyList<ModelEntry> Models { get; set; }
    public required EnsembleSpec Ensemble { get; set; }
    /// <summary>Baselines' validation scores, beside every model's.</summary>
    public Dictionary<string, Metrics> Baselines { get; set; } = [];
    /// <summary>What the baselines predict, fitted on the training rows (see Baselines in training).</summary>
    public Dictionary<string, double> BaselineFit { get; set; } = [];
    public string? TrainedAt { get; set; }
    public string? TrainingData { get; set; }
    /// <summary>Names, sizes and SHA-256 of every training and held-out data file.</summary>
    public DataProvenance Data { get; set; } = new();

    public static ModelManifest Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No {FileName} in {folder}: train models first (plan2 train).", path);
        return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));
}

public sealed class ModelEntry
{
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Version { get; set; }
    public required string File { get; set; }
    /// <summary>Size and SHA-256 of <see cref="File"/> as written by training.</summary>
    public long Bytes { get; set; }
    public string? Sha256 { get; set; }
    public required string FeatureSchemaHash { get; set; }
    public required string InputName { get; set; }
    public required string OutputName { get; set; }
    /// <summary>Sequence models read this many consecutive feature vectors; 1 for tabular models.</summary>
    public int WindowSteps { get; set; } = 1;
    /// <summary>Standardisation applied before the model (sequence models); NaN becomes 0 after it.</summary>
    public float[]? InputMean { get; set; }
    public float[]? InputStd { get; set; }
    public required string TrainingWindow { get; set; }
    public required Metrics Validation { get; set; }
    public Dictionary<string, string> Parameters { get; set; } = [];
}

/// <summary>P(up) = sigmoid(Bias + Σ Weights[i] · logit(p_i)): stacking fitted on walk-forward out-of-sample predictions.</summary>
public sealed class EnsembleSpec
{
    public required string Method { get; set; }
    public required double Bias { get; set; }
    public required Dictionary<string, double> Weights { get; set; }
    public required Metrics Validation { get; set; }
    /// <summary>Which walk-forward rows <see cref="Validation"/> covers and how its weights were fitted.</summary>
    public string? ValidationScope { get; set; }
    /// <summary>Each way of stacking that was tried, scored time-causally on the same rows; the lowest log loss was chosen.</summary>
    public Dictionary<string, Metrics> Candidates { get; set; } = [];
    /// <summary>Every member and baseline scored on the same rows as <see cref="Validation"/>.</summary>
    public Dictionary<string, Metrics> Compared { get; set; } = [];
    /// <summary>How long serving's live accuracy remembers, chosen in walk-forward replay; absent in older manifests (then <see cref="Serving.LiveMemory.Short"/>).</summary>
    public Serving.LiveMemory? LiveMemory { get; set; }
    /// <summary>
    /// The ensemble as served (stacked weights moved by live accuracy) replayed on the rows of <see cref="Validation"/>, each
    /// block with the memory chosen on the blocks before it; each memory's own figure is in <see cref="LiveCandidates"/>.
    /// </summary>
    public Metrics? LiveValidation { get; set; }
    /// <summary>Every live memory tried, replayed on the same rows; the first unless another won clearly.</summary>
    public Dictionary<string, Metrics> LiveCandidates { get; set; } = [];
}

public sealed record Metrics(long Rows, double Accuracy, double LogLoss, double Brier, double Ic);
