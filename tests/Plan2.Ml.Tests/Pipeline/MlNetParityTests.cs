using Plan2.Core.Features;
using Plan2.Ml;
using Plan2.Ml.Training;
using Plan2.Ml.Training.MlNet;
using Plan2.Tests.Shared;

namespace Plan2.Ml.Tests.Pipeline;

public class MlNetParityTests
{
    private static TabularData Synthetic(int rows, int seed)
    {
        var random = new Random(seed);
        var f = FeatureSchema.Count;
        var x = new float[rows * f];
        var y = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < f; j++)
                x[i * f + j] = random.NextDouble() < 0.03 ? float.NaN : (float)(random.NextDouble() * 2 - 1);
            var signal = (float.IsNaN(x[i * f]) ? 0 : x[i * f]) - 0.5 * (float.IsNaN(x[i * f + 3]) ? 0 : x[i * f + 3]);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-3 * signal)) ? 1 : 0;
        }
        return new TabularData(x, rows, f, y);
    }

    [Theory]
    [InlineData(MlNetTreeTrainer.LightGbm)]
    [InlineData(MlNetTreeTrainer.RandomForest)]
    public void OnnxExport_GivesTheTrainedModelsProbabilities_AndTheSignalIsLearned(string kind)
    {
        var model = new MlNetTreeTrainer(kind).Train(Synthetic(6_000, 1));
        var test = Synthetic(1_000, 2);
        var folder = TestFolders.Create("plan2-onnx-");
        File.WriteAllBytes(Path.Combine(folder, "m.onnx"), model.ToOnnx());
        var entry = new ModelEntry
        {
            Name = kind, Kind = kind, Version = "t", File = "m.onnx", FeatureSchemaHash = FeatureSchema.Hash,
            InputName = MlNetTreeModel.InputName, OutputName = MlNetTreeModel.OutputName, TrainingWindow = "synthetic",
            Validation = new Metrics(0, 0, 0, 0, 0),
        };

        var native = model.Predict(test);
        using var scorer = new OnnxScorer(entry, folder);
        var onnx = scorer.Score(test.X, test.Rows, test.Features);

        Assert.Equal(native.Length, onnx.Length);
        Assert.True(native.Zip(onnx).Max(p => Math.Abs(p.First - p.Second)) < 1e-5);
        var metrics = MetricsCalculator.Compute(onnx, test.Y, test.Y.Select(v => v - 0.5).ToArray());
        Assert.True(metrics.LogLoss < 0.67, $"log loss {metrics.LogLoss}: nothing learned");
    }
}
