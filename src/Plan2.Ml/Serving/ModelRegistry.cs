using Plan2.Core.Features;

namespace Plan2.Ml.Serving;

/// <summary>
/// The shipped models, loaded once per silo and shared by every predictor (ONNX Runtime sessions are
/// heavy and thread-safe to run). Refuses a manifest of another feature schema.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private ModelRegistry(string folder, ModelManifest manifest, IReadOnlyList<OnnxScorer> members)
    {
        Folder = folder;
        Manifest = manifest;
        Members = members;
    }

    public string Folder { get; }
    public ModelManifest Manifest { get; }
    public IReadOnlyList<OnnxScorer> Members { get; }
    public int MaxWindow => Members.Max(m => Math.Max(1, m.Entry.WindowSteps));

    /// <summary>Which model set this is: its folder's name and when it was trained.</summary>
    public string Version => $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder))}@{Manifest.TrainedAt}";

    public static ModelRegistry Load(string folder)
    {
        var manifest = ModelManifest.Load(folder);
        if (manifest.FeatureSchemaHash != FeatureSchema.Hash)
            throw new InvalidDataException($"Models in {folder} use feature schema {manifest.FeatureSchemaHash}; this build computes {FeatureSchema.Hash}.");
        return new ModelRegistry(folder, manifest, [.. manifest.Models.Select(m => new OnnxScorer(m, folder))]);
    }

    /// <summary>The onnx-models folder: configured, else the first one found above the app (a checkout or a published app).</summary>
    public static string? Find(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "onnx-models");
            if (File.Exists(Path.Combine(candidate, ModelManifest.FileName)))
                return candidate;
        }
        return null;
    }

    public void Dispose()
    {
        foreach (var member in Members)
            member.Dispose();
    }
}
