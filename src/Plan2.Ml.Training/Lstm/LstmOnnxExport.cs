using Onnx;
using Plan2.Ml.Training.Onnx;

namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// Writes an <see cref="LstmModel"/> as an ONNX graph:
/// window → Sub(mean) → Mul(1/std) → Where(IsNaN, 0) → Transpose [Steps, N, F] → LSTM → Squeeze(Y_h) → Gemm → Sigmoid → p_up.
/// ONNX Runtime's CPU LSTM rejects layout=1, hence the transpose to sequence-major.
/// </summary>
internal static class LstmOnnxExport
{
    public const string InputName = "window", OutputName = "p_up";
    /// <summary>17: Squeeze takes axes as an input (13+), Where/IsNaN on float are covered, and ORT 1.31 runs it.</summary>
    public const int Opset = 17;

    public static byte[] Build(LstmModel model, float[] mean, float[] invStd)
    {
        var net = model.Network;
        int h = net.Hidden, f = net.Features, g4 = 4 * h;
        var p = net.Parameters;

        // Ours is input-major [f][gate*H + j]; ONNX wants [1][gate*H + j][f]. Gate order is i, o, f, c in both.
        var w = new float[g4 * f];
        for (int k = 0; k < f; k++)
            for (int row = 0; row < g4; row++) w[row * f + k] = (float)p[net.InputWeights.Offset + k * g4 + row];
        var r = new float[g4 * h];
        for (int k = 0; k < h; k++)
            for (int row = 0; row < g4; row++) r[row * h + k] = (float)p[net.RecurrentWeights.Offset + k * g4 + row];
        // ONNX adds two biases (input Wb then recurrent Rb); ours is one, so Rb is zero.
        var b = new float[2 * g4];
        for (int i = 0; i < g4; i++) b[i] = (float)p[net.GateBias.Offset + i];
        var v = new float[h];
        for (int j = 0; j < h; j++) v[j] = (float)p[net.OutputWeights.Offset + j];

        const TensorProto.Types.DataType Float = TensorProto.Types.DataType.Float;
        return new OnnxGraphBuilder("plan2_lstm")
            .Input(InputName, Float, "N", model.Steps, f)
            .Output(OutputName, Float, "N", 1)
            .Initializer(OnnxTensors.Float("feature_mean", mean, f))
            .Initializer(OnnxTensors.Float("feature_inv_std", invStd, f))
            .Initializer(OnnxTensors.Float("zero", [0f]))
            .Initializer(OnnxTensors.Float("lstm_W", w, 1, g4, f))
            .Initializer(OnnxTensors.Float("lstm_R", r, 1, g4, h))
            .Initializer(OnnxTensors.Float("lstm_B", b, 1, 2 * g4))
            .Initializer(OnnxTensors.Int64("squeeze_axes", [0L], 1))
            .Initializer(OnnxTensors.Float("dense_W", v, 1, h))
            .Initializer(OnnxTensors.Float("dense_B", [(float)p[net.OutputBias.Offset]], 1))
            .Node("Sub", [InputName, "feature_mean"], ["centred"])
            .Node("Mul", ["centred", "feature_inv_std"], ["scaled"])
            .Node("IsNaN", ["scaled"], ["missing"])
            .Node("Where", ["missing", "zero", "scaled"], ["clean"])
            .Node("Transpose", ["clean"], ["steps_first"], attributes: OnnxAttributes.Ints("perm", [1, 0, 2]))
            // Y (every step) is not needed, so its output name is left empty; Y_h is [1, N, H].
            .Node("LSTM", ["steps_first", "lstm_W", "lstm_R", "lstm_B"], ["", "lstm_Y_h"], attributes: OnnxAttributes.Int("hidden_size", h))
            .Node("Squeeze", ["lstm_Y_h", "squeeze_axes"], ["last_h"])
            .Node("Gemm", ["last_h", "dense_W", "dense_B"], ["logit"], attributes: OnnxAttributes.Int("transB", 1))
            .Node("Sigmoid", ["logit"], [OutputName])
            .ToBytes(Opset);
    }
}
