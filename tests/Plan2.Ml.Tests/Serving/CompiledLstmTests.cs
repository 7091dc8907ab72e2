using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The LSTM computed in managed code against ONNX Runtime running the exported graph.</summary>
public sealed class CompiledLstmTests : ShippedModelTests
{
    private OnnxScorer Lstm => Member("lstm");

    [Theory]
    [InlineData(1.0)]
    [InlineData(4.0)] // saturating gates
    public void ShippedLstm_ScoresEveryWindow_WithinFiveTenMillionthsOfOnnxRuntime(double scale)
    {
        var member = Lstm;
        Assert.True(member.Managed);
        var entry = member.Entry;
        var (f, steps) = (FeatureSchema.Count, entry.WindowSteps);
        const int count = 400;
        var rows = RandomRows(count, 21, scale, 97);

        var managed = member.Score(rows, count, f);

        // The exported graph, scaling included, on the same windows as the scorer builds them (standardised as recorded, NaN → 0).
        using var session = new InferenceSession(File.ReadAllBytes(Path.Combine(Repo.Models, entry.File)));
        var windows = count - steps + 1;
        var x = new float[windows * steps * f];
        for (var w = 0; w < windows; w++)
            for (var i = 0; i < steps * f; i++)
            {
                var column = i % f;
                var value = (rows[w * f + i] - entry.InputMean![column]) / entry.InputStd![column];
                x[w * steps * f + i] = float.IsFinite(value) ? value : 0f;
            }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(entry.InputName, new DenseTensor<float>(x, [windows, steps, f]))], [entry.OutputName]);
        var expected = results[0].AsTensor<float>().ToArray();

        var worst = 0.0;
        for (var w = 0; w < windows; w++)
            worst = Math.Max(worst, Math.Abs(managed[w + steps - 1] - expected[w]));
        Assert.True(worst <= 5e-7, $"largest difference {worst:E2}"); // 9e-8 when written
        Assert.True(expected.Distinct().Count() > windows / 2); // real scores, not one constant
        Assert.All(managed.Take(steps - 1), p => Assert.True(float.IsNaN(p))); // no full window yet
    }

    [Fact]
    public void ShippedLstm_LatestWindow_ScoresAsTheBatch_BitForBit()
    {
        var member = Lstm;
        var (f, steps) = (FeatureSchema.Count, member.Entry.WindowSteps);
        const int count = 120;
        var rows = RandomRows(count, 22, 2.0, 97);
        var batch = member.Score(rows, count, f);
        for (var end = steps - 1; end < count; end++)
            Assert.Equal(batch[end], member.ScoreLatest(rows.AsSpan((end - steps + 1) * f, steps * f)));
    }

    private ModelProto Served()
    {
        var entry = Lstm.Entry;
        return ModelProto.Parser.ParseFrom(ServedGraph.Prepare(File.ReadAllBytes(Path.Combine(Repo.Models, entry.File)), entry).Model);
    }

    [Fact]
    public void OtherLstmGraphs_AreLeftToOnnxRuntime()
    {
        var entry = Lstm.Entry;
        Assert.NotNull(CompiledLstm.TryCompile(Served().Graph, entry.OutputName, entry.WindowSteps));

        ModelProto Changed(Action<GraphProto> change)
        {
            var model = Served();
            change(model.Graph);
            return model;
        }
        NodeProto Op(GraphProto g, string type) => g.Node.Single(n => n.OpType == type);
        Assert.Null(CompiledLstm.TryCompile(Changed(g => Op(g, "LSTM").Attribute.Add(new AttributeProto
        {
            Name = "clip", Type = AttributeProto.Types.AttributeType.Float, F = 3f,
        })).Graph, entry.OutputName, entry.WindowSteps));
        Assert.Null(CompiledLstm.TryCompile(Changed(g =>
        {
            var direction = Op(g, "LSTM").Attribute.FirstOrDefault(a => a.Name == "direction");
            if (direction is null)
                Op(g, "LSTM").Attribute.Add(direction = new AttributeProto { Name = "direction", Type = AttributeProto.Types.AttributeType.String });
            direction.S = ByteString.CopyFromUtf8("reverse");
        }).Graph, entry.OutputName, entry.WindowSteps));
        Assert.Null(CompiledLstm.TryCompile(Changed(g => Op(g, "Gemm").Attribute.Add(new AttributeProto
        {
            Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 2f,
        })).Graph, entry.OutputName, entry.WindowSteps));
        Assert.Null(CompiledLstm.TryCompile(Changed(g => Op(g, "Sigmoid").OpType = "Tanh").Graph, entry.OutputName, entry.WindowSteps));
        Assert.Null(CompiledLstm.TryCompile(Served().Graph, "logit", entry.WindowSteps)); // not the graph's end
        Assert.Null(CompiledLstm.TryCompile(Changed(g => g.Initializer.Remove(g.Initializer.Single(t => t.Name == Op(g, "LSTM").Input[2]))).Graph,
            entry.OutputName, entry.WindowSteps)); // recurrent weights fed at run time
    }
}
