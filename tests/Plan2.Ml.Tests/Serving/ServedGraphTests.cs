using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>What serving leaves out of the exported graphs changes no score.</summary>
public sealed class ServedGraphTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo.Models);

    public void Dispose() => _registry.Dispose();

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("random_forest")]
    [InlineData("xgboost")]
    public void TreeModels_ServedGraph_ScoresBitForBitAsTheExportedGraph(string kind)
    {
        // The same input through both graphs at each size: ONNX Runtime's tree ensembles may sum in another order for
        // a large batch (a last bit differed between 48-row calls and one of 300 rows), so sizes are compared alike.
        var entry = _registry.Members.Single(m => m.Entry.Kind == kind).Entry;
        var file = File.ReadAllBytes(Path.Combine(Repo.Models, entry.File));
        using var exported = new InferenceSession(file);
        using var served = new InferenceSession(ServedGraph.Prepare(file, entry).Model);
        var f = FeatureSchema.Count;
        var rng = new Random(5);
        foreach (var rows in new[] { 1, 48, 300 })
        {
            var x = new float[rows * f];
            for (var i = 0; i < x.Length; i++)
                x[i] = i % 89 == 0 ? float.NaN : (float)(rng.NextDouble() * 8 - 4); // trees take NaN as missing
            float[] Run(InferenceSession session)
            {
                using var results = session.Run([NamedOnnxValue.CreateFromTensor(entry.InputName, new DenseTensor<float>(x, [rows, f]))], [entry.OutputName]);
                return results[0].AsTensor<float>().ToArray();
            }
            var (expected, actual) = (Run(exported), Run(served));
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(actual[i]) == BitConverter.SingleToInt32Bits(expected[i]),
                    $"{rows} rows, value {i}: {actual[i]:R} served, {expected[i]:R} exported");
            if (rows > 1)
                Assert.True(actual.Distinct().Count() > rows / 2); // real scores, not one constant
        }
    }

    [Fact]
    public void KeepOnly_DropsWhatTheServedOutputDoesNotRead()
    {
        var entry = _registry.Members.Single(m => m.Entry.Kind == "lightgbm").Entry;
        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Repo.Models, entry.File))).Graph;
        Assert.Contains(graph.Node, n => n.OpType == "Binarizer"); // ML.NET's label, which serving never reads

        Assert.True(ServedGraph.KeepOnly(graph, entry.OutputName));

        Assert.Equal([entry.OutputName], graph.Output.Select(o => o.Name));
        Assert.Equal(["TreeEnsembleRegressor", "Mul", "Add", "Sigmoid", "Identity"], graph.Node.Select(n => n.OpType));
        Assert.All(graph.Initializer, t => Assert.Contains(graph.Node, n => n.Input.Contains(t.Name)));
        Assert.False(ServedGraph.KeepOnly(graph, entry.OutputName)); // nothing left to drop
        Assert.False(ServedGraph.KeepOnly(graph, "no_such_output"));
    }
}
