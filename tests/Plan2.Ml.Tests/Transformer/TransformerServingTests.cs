using Plan2.Core.Features;
using Plan2.Ml.Serving;
using Plan2.Ml.Tests.Lstm;
using Plan2.Ml.Training;
using Plan2.Ml.Training.Transformer;

namespace Plan2.Ml.Tests.Transformer;

/// <summary>The Transformer is served like every other member: a manifest entry, the registry loads it, the scorer runs it.</summary>
public class TransformerServingTests
{
    [Fact]
    public void Registry_LoadsATransformerMember_AndScoresItsWindowsAsTrained()
    {
        const int steps = 6, rows = 40;
        var f = FeatureSchema.Count;
        var net = new TransformerNetwork(f, 8, 16, seed: 4);
        var rng = new Random(2);
        for (var i = 0; i < net.Parameters.Length; i++) net.Parameters[i] += 0.3 * LstmTestData.Gaussian(rng);
        var model = new TransformerModel(net, steps, new float[f], [.. Enumerable.Repeat(1f, f)]);
        var folder = Path.Combine(Path.GetTempPath(), "plan2-transformer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "transformer.onnx"), model.ToOnnx());
            var entry = new ModelEntry
            {
                Name = "transformer", Kind = "transformer", Version = "1", File = "transformer.onnx", FeatureSchemaHash = FeatureSchema.Hash,
                InputName = "window", OutputName = "p_up", WindowSteps = steps, InputMean = new float[f], InputStd = [.. Enumerable.Repeat(1f, f)],
                TrainingWindow = "test", Validation = new Metrics(0, 0, 0, 0, 0),
            };
            new ModelManifest
            {
                FeatureSchemaHash = FeatureSchema.Hash, FeatureSchemaVersion = FeatureSchema.Version, Features = FeatureSchema.Names, Timeframe = "M1",
                HorizonBars = 5, Classes = ["down", "up"], Models = [entry],
                Ensemble = new EnsembleSpec { Method = "test", Bias = 0, Weights = new() { ["transformer"] = 1 }, Validation = new Metrics(0, 0, 0, 0, 0) },
            }.Save(folder);

            using var registry = ModelRegistry.Load(folder);
            var member = Assert.Single(registry.Members);
            Assert.Equal(steps, registry.MaxWindow);

            // A stream of feature rows: the scorer builds each window from the rows before it, as serving does.
            var x = new float[rows * f];
            for (var i = 0; i < x.Length; i++) x[i] = (float)LstmTestData.Gaussian(rng);
            var served = member.Score(x, rows, f);

            var windows = new float[(rows - steps + 1) * steps * f];
            for (var r = steps - 1; r < rows; r++)
                Array.Copy(x, (r - steps + 1) * f, windows, (r - steps + 1) * steps * f, steps * f);
            var trained = model.Predict(new SequenceData(windows, rows - steps + 1, steps, f, new float[rows - steps + 1]));
            Assert.All(served[..(steps - 1)], p => Assert.True(float.IsNaN(p)));
            for (var r = steps - 1; r < rows; r++)
                Assert.Equal(trained[r - steps + 1], served[r], 1e-5); // a tolerance, not rounding to 5 places (which flips on a 7e-8 difference across a rounding edge)
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
