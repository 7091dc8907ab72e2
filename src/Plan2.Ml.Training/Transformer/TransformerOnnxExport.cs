using Onnx;
using Plan2.Ml.Training.Lstm;
using Plan2.Ml.Training.Onnx;

namespace Plan2.Ml.Training.Transformer;

/// <summary>
/// Writes a <see cref="TransformerModel"/> as an ONNX graph of standard opset-17 operators (MatMul, Add,
/// LayerNormalization, Softmax, Relu, Gather), the same computation as <see cref="TransformerNetwork.Forward"/>:
/// window → scale, NaN → 0 → embed + positions → pre-norm attention block → pre-norm feed-forward block → last step → logit → Sigmoid.
/// </summary>
internal static class TransformerOnnxExport
{
    public const string InputName = "window", OutputName = "p_up";
    /// <summary>17: the first opset with LayerNormalization; ORT 1.31 runs it.</summary>
    public const int Opset = 17;

    public static byte[] Build(TransformerModel model, float[] mean, float[] invStd)
    {
        var net = model.Network;
        int d = net.ModelDim, ff = net.FeedForward, f = net.Features, t = model.Steps;
        float[] Take(LstmParameterGroup g) => [.. net.Parameters.AsSpan(g.Offset, g.Length).ToArray().Select(x => (float)x)];
        var g = new OnnxGraphBuilder("plan2_transformer")
            .Input(InputName, TensorProto.Types.DataType.Float, "N", t, f)
            .Output(OutputName, TensorProto.Types.DataType.Float, "N", 1)
            .Initializer(OnnxTensors.Float("feature_mean", mean, f))
            .Initializer(OnnxTensors.Float("feature_inv_std", invStd, f))
            .Initializer(OnnxTensors.Float("zero", [0f]))
            .Initializer(OnnxTensors.Float("positions", [.. TransformerNetwork.PositionalEncoding(t, d).Select(x => (float)x)], t, d))
            .Initializer(OnnxTensors.Float("attention_scale", [(float)(1 / Math.Sqrt(d))]))
            .Initializer(OnnxTensors.Float("Win", Take(net.InputWeights), f, d))
            .Initializer(OnnxTensors.Float("bin", Take(net.InputBias), d))
            .Initializer(OnnxTensors.Float("ln1_gain", Take(net.Norm1Gain), d))
            .Initializer(OnnxTensors.Float("ln1_bias", Take(net.Norm1Bias), d))
            .Initializer(OnnxTensors.Float("Wq", Take(net.QueryWeights), d, d))
            .Initializer(OnnxTensors.Float("bq", Take(net.QueryBias), d))
            .Initializer(OnnxTensors.Float("Wk", Take(net.KeyWeights), d, d))
            .Initializer(OnnxTensors.Float("bk", Take(net.KeyBias), d))
            .Initializer(OnnxTensors.Float("Wv", Take(net.ValueWeights), d, d))
            .Initializer(OnnxTensors.Float("bv", Take(net.ValueBias), d))
            .Initializer(OnnxTensors.Float("Wo", Take(net.AttentionOutputWeights), d, d))
            .Initializer(OnnxTensors.Float("bo", Take(net.AttentionOutputBias), d))
            .Initializer(OnnxTensors.Float("ln2_gain", Take(net.Norm2Gain), d))
            .Initializer(OnnxTensors.Float("ln2_bias", Take(net.Norm2Bias), d))
            .Initializer(OnnxTensors.Float("W1", Take(net.FeedForwardWeights1), d, ff))
            .Initializer(OnnxTensors.Float("b1", Take(net.FeedForwardBias1), ff))
            .Initializer(OnnxTensors.Float("W2", Take(net.FeedForwardWeights2), ff, d))
            .Initializer(OnnxTensors.Float("b2", Take(net.FeedForwardBias2), d))
            .Initializer(OnnxTensors.Float("V", Take(net.OutputWeights), d, 1))
            .Initializer(OnnxTensors.Float("C", Take(net.OutputBias), 1))
            .Node("Sub", [InputName, "feature_mean"], ["centred"])
            .Node("Mul", ["centred", "feature_inv_std"], ["scaled"])
            .Node("IsNaN", ["scaled"], ["missing"])
            .Node("Where", ["missing", "zero", "scaled"], ["x"]);
        Dense(g, "x", "Win", "bin", "embedded");
        g.Node("Add", ["embedded", "positions"], ["h0"]);
        Norm(g, "h0", "ln1", "a");
        Dense(g, "a", "Wq", "bq", "q");
        Dense(g, "a", "Wk", "bk", "k");
        Dense(g, "a", "Wv", "bv", "v");
        g.Node("Transpose", ["k"], ["k_t"], attributes: OnnxAttributes.Ints("perm", [0, 2, 1]))
            .Node("MatMul", ["q", "k_t"], ["scores_raw"])
            .Node("Mul", ["scores_raw", "attention_scale"], ["scores"])
            .Node("Softmax", ["scores"], ["attention"], attributes: OnnxAttributes.Int("axis", -1))
            .Node("MatMul", ["attention", "v"], ["attended"]);
        Dense(g, "attended", "Wo", "bo", "attention_out");
        g.Node("Add", ["h0", "attention_out"], ["h1"]);
        Norm(g, "h1", "ln2", "b");
        Dense(g, "b", "W1", "b1", "z1");
        g.Node("Relu", ["z1"], ["u"]);
        Dense(g, "u", "W2", "b2", "ff_out");
        g.Initializer(OnnxTensors.Int64("last_step", [t - 1L]))
            .Node("Add", ["h1", "ff_out"], ["h2"])
            .Node("Gather", ["h2", "last_step"], ["pooled"], attributes: OnnxAttributes.Int("axis", 1)); // a scalar index drops the step axis
        Dense(g, "pooled", "V", "C", "logit");
        g.Node("Sigmoid", ["logit"], [OutputName]);
        return g.ToBytes(Opset);
    }

    private static void Dense(OnnxGraphBuilder g, string x, string w, string b, string y) =>
        g.Node("MatMul", [x, w], [y + "_mm"]).Node("Add", [y + "_mm", b], [y]);

    private static void Norm(OnnxGraphBuilder g, string x, string prefix, string y) =>
        g.Node("LayerNormalization", [x, prefix + "_gain", prefix + "_bias"], [y],
            attributes: [OnnxAttributes.Int("axis", -1), OnnxAttributes.Float("epsilon", (float)DenseMath.LayerNormEpsilon)]);
}
