using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The shipped Transformer served on its last step only gives the exported graph's scores.</summary>
public sealed class LastStepTransformerTests : ShippedModelTests
{
    private OnnxScorer Transformer => Member("transformer");

    [Fact]
    public void ShippedTransformer_IsServedOnItsLastStepOnly()
    {
        Assert.True(Transformer.LastStepOnly);
        Assert.All(Registry.Members.Where(m => m.Entry.Kind != "transformer"), m => Assert.False(m.LastStepOnly));
    }

    [Fact]
    public void LastStepGraph_ScoresEveryWindowAsTheExportedGraph()
    {
        var entry = Transformer.Entry;
        var (steps, f) = (entry.WindowSteps, FeatureSchema.Count);
        var rng = new Random(7);
        const int rows = 700;
        var x = new float[rows * f];
        for (var i = 0; i < x.Length; i++)
            x[i] = i % 97 == 0 ? float.NaN : (float)(rng.NextDouble() * 6 - 3); // NaN cells too: serving turns them into 0
        var served = Transformer.Score(x, rows, f);

        using var exported = new InferenceSession(Path.Combine(Repo.Models, entry.File));
        var windows = new float[(rows - steps + 1) * steps * f];
        for (var r = steps - 1; r < rows; r++)
            Array.Copy(x, (r - steps + 1) * f, windows, (r - steps + 1) * steps * f, steps * f);
        // A missing value reaches the graph as a raw 0, as in the windows the network was trained and evaluated on.
        for (var i = 0; i < windows.Length; i++)
            if (float.IsNaN(windows[i])) windows[i] = 0f;
        using var results = exported.Run([NamedOnnxValue.CreateFromTensor(entry.InputName, new DenseTensor<float>(windows, [rows - steps + 1, steps, f]))]);
        var expected = results[0].AsTensor<float>().ToArray();
        // Stated tolerance 1e-6 (the same operators on fewer rows; ONNX Runtime may sum in another order for another
        // shape); measured here: 6e-8 at worst (bit for bit with the first shipped Transformer).
        var worst = Enumerable.Range(steps - 1, rows - steps + 1).MaxBy(r => Math.Abs(expected[r - steps + 1] - served[r]));
        Assert.True(Math.Abs(expected[worst - steps + 1] - served[worst]) <= 1e-6f, $"window {worst}: {served[worst]} served, {expected[worst - steps + 1]} exported");
        Assert.Contains(served[(steps - 1)..], p => p is > 0.01f and < 0.99f);
    }

    [Fact]
    public void ServedTransformer_AttendsWithItsOneQuery_WithoutKeysOrValuesForEveryStep()
    {
        var exported = File.ReadAllBytes(Path.Combine(Repo.Models, Transformer.Entry.File));
        var nodes = Onnx.ModelProto.Parser.ParseFrom(LastStepTransformer.Rewrite(exported)).Graph.Node;

        Assert.DoesNotContain(nodes, n => n.Output.Contains("k") || n.Output.Contains("v")); // [N, steps, d] keys and values
        Assert.Contains(nodes, n => n.OpType == "MatMul" && n.Input is ["q", _] && n.Output is ["q_keys"]);
        Assert.Contains(nodes, n => n.OpType == "MatMul" && n.Input is ["attention", "a"]);
    }

    [Fact]
    public void AGraphNotOurs_IsServedAsItIs()
    {
        var lightgbm = File.ReadAllBytes(Path.Combine(Repo.Models, Registry.Members.Single(m => m.Entry.Kind == "lightgbm").Entry.File));
        Assert.Null(LastStepTransformer.Rewrite(lightgbm));
        var transformer = File.ReadAllBytes(Path.Combine(Repo.Models, Transformer.Entry.File));
        var rewritten = LastStepTransformer.Rewrite(transformer)!;
        Assert.Null(LastStepTransformer.Rewrite(rewritten)); // already rewritten: not rewritten twice
    }
}
