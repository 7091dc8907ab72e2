using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The sequence models' input scaling, lifted out of their graphs, gives the scores of the graphs as exported.</summary>
public sealed class InputScalingTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo.Models);

    public void Dispose() => _registry.Dispose();

    private OnnxScorer Member(string kind) => _registry.Members.Single(m => m.Entry.Kind == kind);

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

    private static float[] Exported(string path, string input, float[] windows, int count, int steps)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(windows, [count, steps, FeatureSchema.Count]))]);
        return results[0].AsTensor<float>().ToArray();
    }

    [Fact]
    public void Lstm_ServedWithItsScalingLifted_ScoresBitForBitAsTheExportedGraph()
    {
        // The same graph downstream of the scaling and the same float operations in it: nothing may differ, not one bit.
        var lstm = Member("lstm");
        var steps = lstm.Entry.WindowSteps;
        const int rows = 400;
        var x = Rows(rows, 11);
        var served = lstm.Score(x, rows, FeatureSchema.Count);
        var expected = Exported(Path.Combine(Repo.Models, lstm.Entry.File), lstm.Entry.InputName, Windows(x, rows, steps), rows - steps + 1, steps);
        for (var r = steps - 1; r < rows; r++)
            Assert.True(BitConverter.SingleToInt32Bits(served[r]) == BitConverter.SingleToInt32Bits(expected[r - steps + 1]),
                $"window {r}: {served[r]:R} served, {expected[r - steps + 1]:R} exported");
        Assert.Contains(served[(steps - 1)..], p => p is > 0.01f and < 0.99f);
        // The windows of one bar alone and of the training evaluation get the same scaling.
        Assert.Equal(served[rows - 1], lstm.ScoreLatest(x.AsSpan((rows - steps) * FeatureSchema.Count, steps * FeatureSchema.Count)));
        Assert.Equal(served[(steps - 1)..], lstm.ScoreWindows(Windows(x, rows, steps), rows - steps + 1, FeatureSchema.Count));
    }

    [Fact]
    public void Lift_TakesTheHeadOutOfTheSequenceGraphsOnly()
    {
        foreach (var member in _registry.Members)
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
