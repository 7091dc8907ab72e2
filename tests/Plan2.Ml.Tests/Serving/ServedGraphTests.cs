using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>What serving leaves out of the exported graphs, or moves out of them (the sequence models' input scaling), changes no score.</summary>
public sealed class ServedGraphTests : ShippedModelTests
{
    [Theory]
    [InlineData("lightgbm")]
    [InlineData("random_forest")]
    [InlineData("xgboost")]
    public void TreeModels_ServedGraph_ScoresBitForBitAsTheExportedGraph(string kind)
    {
        // The same input through both graphs at each size: ONNX Runtime's tree ensembles may sum in another order for
        // a large batch (a last bit differed between 48-row calls and one of 300 rows), so sizes are compared alike.
        var entry = Registry.Members.Single(m => m.Entry.Kind == kind).Entry;
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
        var entry = Registry.Members.Single(m => m.Entry.Kind == "lightgbm").Entry;
        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Repo.Models, entry.File))).Graph;
        Assert.Contains(graph.Node, n => n.OpType == "Binarizer"); // ML.NET's label, which serving never reads

        Assert.True(ServedGraph.KeepOnly(graph, entry.OutputName));

        Assert.Equal([entry.OutputName], graph.Output.Select(o => o.Name));
        Assert.Equal(["TreeEnsembleRegressor", "Mul", "Add", "Sigmoid", "Identity"], graph.Node.Select(n => n.OpType));
        Assert.All(graph.Initializer, t => Assert.Contains(graph.Node, n => n.Input.Contains(t.Name)));
        Assert.False(ServedGraph.KeepOnly(graph, entry.OutputName)); // nothing left to drop
        Assert.False(ServedGraph.KeepOnly(graph, "no_such_output"));
    }

    /// <summary>Raw rows with NaN and infinite cells and values far outside the training range.</summary>
    private static float[] Rows(int rows, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * FeatureSchema.Count];
        for (var i = 0; i < x.Length; i++)
            x[i] = i % 97 == 0 ? float.NaN : i % 101 == 0 ? float.PositiveInfinity : (float)(rng.NextDouble() * 40 - 20);
        return x;
    }

    /// <summary>Windows as the exported graph takes them: the rows of each, non-finite cells as 0 (serving's standardisation).</summary>
    private static float[] Windows(float[] x, int rows, int steps)
    {
        var f = FeatureSchema.Count;
        var windows = new float[(rows - steps + 1) * steps * f];
        for (var r = steps - 1; r < rows; r++)
            Array.Copy(x, (r - steps + 1) * f, windows, (r - steps + 1) * steps * f, steps * f);
        for (var i = 0; i < windows.Length; i++)
            if (!float.IsFinite(windows[i])) windows[i] = 0f;
        return windows;
    }

    private static float[] Run(byte[] model, string input, float[] windows, int count, int steps)
    {
        using var session = new InferenceSession(model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(windows, [count, steps, FeatureSchema.Count]))]);
        return results[0].AsTensor<float>().ToArray();
    }

    [Fact]
    public void Lstm_ServedWithItsScalingLifted_ScoresBitForBitAsTheExportedGraph()
    {
        // The same graph downstream of the scaling and the same float operations in it: nothing may differ, not one bit.
        // (The scorer computes the LSTM in managed code, CompiledLstm: the served graph is run here by ONNX Runtime.)
        var lstm = Member("lstm");
        var (entry, steps) = (lstm.Entry, lstm.Entry.WindowSteps);
        const int rows = 400;
        var x = Rows(rows, 11);
        var file = File.ReadAllBytes(Path.Combine(Repo.Models, entry.File));
        var prepared = ServedGraph.Prepare(file, entry);
        var windows = Windows(x, rows, steps);
        var scaled = (float[])windows.Clone();
        prepared.Scaling!.Apply(scaled);
        var served = Run(prepared.Model, entry.InputName, scaled, rows - steps + 1, steps);
        var expected = Run(file, entry.InputName, windows, rows - steps + 1, steps);
        for (var w = 0; w < served.Length; w++)
            Assert.True(BitConverter.SingleToInt32Bits(served[w]) == BitConverter.SingleToInt32Bits(expected[w]),
                $"window {w}: {served[w]:R} served, {expected[w]:R} exported");
        Assert.Contains(served, p => p is > 0.01f and < 0.99f);
        // The scorer's three ways to a window's score give the same bits, within 5e-7 of the exported graph's (CompiledLstmTests).
        var scored = lstm.Score(x, rows, FeatureSchema.Count);
        for (var r = steps - 1; r < rows; r++)
            Assert.True(Math.Abs(scored[r] - expected[r - steps + 1]) <= 5e-7, $"window {r}: {scored[r]:R} scored, {expected[r - steps + 1]:R} exported");
        Assert.Equal(scored[rows - 1], lstm.ScoreLatest(x.AsSpan((rows - steps) * FeatureSchema.Count, steps * FeatureSchema.Count)));
        Assert.Equal(scored[(steps - 1)..], lstm.ScoreWindows(windows, rows - steps + 1, FeatureSchema.Count));
    }

    [Fact]
    public void Lift_TakesTheHeadOutOfTheSequenceGraphsOnly()
    {
        foreach (var member in Registry.Members)
        {
            var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Repo.Models, member.Entry.File))).Graph;
            var before = graph.Clone();
            var scaling = InputScaling.Lift(graph);
            if (member.Entry.WindowSteps > 1)
            {
                Assert.NotNull(scaling);
                Assert.Equal(FeatureSchema.Count, scaling.Features);
                Assert.DoesNotContain(graph.Node, n => n.OpType is "Sub" or "IsNaN" or "Where");
                Assert.Contains(graph.Node, n => n.Input.Contains(graph.Input[0].Name)); // the first layer reads the input itself
                Assert.Null(InputScaling.Lift(graph)); // nothing left to lift
            }
            else
            {
                Assert.Null(scaling);
                Assert.Equal(before, graph); // a graph without our head is left as it is
            }
        }
    }
}
