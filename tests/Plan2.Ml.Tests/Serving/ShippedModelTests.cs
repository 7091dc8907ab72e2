using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>A test class over the shipped models: their registry, loaded for each test and disposed after it, and rows to score.</summary>
public abstract class ShippedModelTests : IDisposable
{
    protected ModelRegistry Registry { get; } = ModelRegistry.Load(Repo.Models);

    protected OnnxScorer Member(string kind) => Registry.Members.Single(m => m.Entry.Kind == kind);

    public void Dispose() => Registry.Dispose();

    /// <summary>Rows of the schema's width, uniform within ±<paramref name="scale"/>, every <paramref name="nanEvery"/>th value NaN (missing).</summary>
    protected static float[] RandomRows(int count, int seed, double scale, int nanEvery)
    {
        var rng = new Random(seed);
        var rows = new float[count * FeatureSchema.Count];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = i % nanEvery == 0 ? float.NaN : (float)((rng.NextDouble() * 2 - 1) * scale);
        return rows;
    }
}
