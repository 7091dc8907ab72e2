using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Onnx;

namespace Plan2.Ml;

/// <summary>
/// Our LSTM's served graph computed in managed code: Transpose to steps first → <c>LSTM</c> (forward, 16 hidden units,
/// the default sigmoid/tanh/tanh, no clip, no peepholes, zero initial state) → its last hidden state → <c>Gemm</c> to one
/// logit → <c>Sigmoid</c>, the graph our exporter writes once serving has lifted its input scaling out. The four gates of
/// 16 units are 64 floats, eight 256-bit vectors, which a step updates with one multiply-add per input and hidden value
/// and then activates in place: ~5.0 µs a 30-step window against ONNX Runtime's 6.5–7.5 in 256-window calls (and no
/// session call for the live path's one window). Not ONNX Runtime's arithmetic (its gate products sum in another order,
/// its sigmoid and tanh are its own approximations, ours <see cref="Exp"/>): scores within 5e-7 of the exported graph's on
/// random windows, plain and saturating, tested (9e-8 when written). Any other graph gives null and is served by ONNX Runtime.
/// </summary>
public sealed class CompiledLstm
{
    private const int Hidden = 16, Gates = 4 * Hidden; // ONNX's gate order: input, output, forget, cell
    private const int MaxSteps = 1_024; // a window's input parts live on the stack: 256 bytes a step
    private readonly int _steps, _inputs;
    private readonly int[] _used;        // input columns with a weight other than zero (a masked feature has none)
    private readonly float[] _inputWeights;   // [used column, 64]: W transposed
    private readonly float[] _hiddenWeights;  // [16, 64]: R transposed
    private readonly float[] _bias;      // [64]: Wb + Rb
    private readonly float[] _dense;     // [16]
    private readonly float _denseBias;

    private CompiledLstm(int steps, int inputs, int[] used, float[] inputWeights, float[] hiddenWeights, float[] bias, float[] dense, float denseBias) =>
        (_steps, _inputs, _used, _inputWeights, _hiddenWeights, _bias, _dense, _denseBias) = (steps, inputs, used, inputWeights, hiddenWeights, bias, dense, denseBias);

    public int Steps => _steps;

    public int Inputs => _inputs;

    /// <summary>P(up) of each of <paramref name="output"/>'s windows: [count, steps, inputs] scaled values in <paramref name="windows"/>.</summary>
    public void Score(ReadOnlySpan<float> windows, Span<float> output)
    {
        var size = _steps * _inputs;
        if (windows.Length < output.Length * size)
            throw new ArgumentException($"{output.Length} windows need {output.Length * size} values, not {windows.Length}.", nameof(windows));
        for (var w = 0; w < output.Length; w++)
            output[w] = ScoreOne(windows.Slice(w * size, size));
    }

    // The gate vectors stay local variables, the multiply-adds written out in both loops: passed by reference to one helper
    // they lived in memory, every multiply-add waiting on a store and a load (7.7 µs a window instead of 6.3, measured
    // before the activations were inlined); as a struct of eight passed by value and returned, 8.2 instead of 5.0.
    [SkipLocalsInit]
    private float ScoreOne(ReadOnlySpan<float> window)
    {
        // First every step's input part (no step waits on another), then the recurrence, which adds only the hidden part:
        // one chain of 16 multiply-adds a gate vector a step instead of 16 + inputs.
        Span<float> inputPart = stackalloc float[_steps * Gates];
        ref var part = ref MemoryMarshal.GetReference(inputPart);
        ref var bias = ref MemoryMarshal.GetArrayDataReference(_bias);
        for (var t = 0; t < _steps; t++)
        {
            var x = window.Slice(t * _inputs, _inputs);
            var g0 = Vector256.LoadUnsafe(ref bias, 0);
            var g1 = Vector256.LoadUnsafe(ref bias, 8);
            var g2 = Vector256.LoadUnsafe(ref bias, 16);
            var g3 = Vector256.LoadUnsafe(ref bias, 24);
            var g4 = Vector256.LoadUnsafe(ref bias, 32);
            var g5 = Vector256.LoadUnsafe(ref bias, 40);
            var g6 = Vector256.LoadUnsafe(ref bias, 48);
            var g7 = Vector256.LoadUnsafe(ref bias, 56);
            ref var row = ref MemoryMarshal.GetArrayDataReference(_inputWeights);
            for (var j = 0; j < _used.Length; j++, row = ref Unsafe.Add(ref row, Gates))
            {
                var v = Vector256.Create(x[_used[j]]);
                g0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 0), v, g0);
                g1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), v, g1);
                g2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), v, g2);
                g3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), v, g3);
                g4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 32), v, g4);
                g5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 40), v, g5);
                g6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 48), v, g6);
                g7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 56), v, g7);
            }
            ref var at = ref Unsafe.Add(ref part, t * Gates);
            g0.StoreUnsafe(ref at, 0);
            g1.StoreUnsafe(ref at, 8);
            g2.StoreUnsafe(ref at, 16);
            g3.StoreUnsafe(ref at, 24);
            g4.StoreUnsafe(ref at, 32);
            g5.StoreUnsafe(ref at, 40);
            g6.StoreUnsafe(ref at, 48);
            g7.StoreUnsafe(ref at, 56);
        }
        Span<float> h = stackalloc float[Hidden];
        h.Clear();
        var (c0, c1) = (Vector256<float>.Zero, Vector256<float>.Zero);
        for (var t = 0; t < _steps; t++)
        {
            ref var at = ref Unsafe.Add(ref part, t * Gates);
            var g0 = Vector256.LoadUnsafe(ref at, 0);
            var g1 = Vector256.LoadUnsafe(ref at, 8);
            var g2 = Vector256.LoadUnsafe(ref at, 16);
            var g3 = Vector256.LoadUnsafe(ref at, 24);
            var g4 = Vector256.LoadUnsafe(ref at, 32);
            var g5 = Vector256.LoadUnsafe(ref at, 40);
            var g6 = Vector256.LoadUnsafe(ref at, 48);
            var g7 = Vector256.LoadUnsafe(ref at, 56);
            ref var row = ref MemoryMarshal.GetArrayDataReference(_hiddenWeights);
            for (var k = 0; k < Hidden; k++, row = ref Unsafe.Add(ref row, Gates))
            {
                var v = Vector256.Create(h[k]);
                g0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 0), v, g0);
                g1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), v, g1);
                g2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), v, g2);
                g3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), v, g3);
                g4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 32), v, g4);
                g5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 40), v, g5);
                g6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 48), v, g6);
                g7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 56), v, g7);
            }
            // i = g0..1, o = g2..3, f = g4..5, candidate = g6..7
            c0 = Sigmoid(g4) * c0 + Sigmoid(g0) * Tanh(g6);
            c1 = Sigmoid(g5) * c1 + Sigmoid(g1) * Tanh(g7);
            (Sigmoid(g2) * Tanh(c0)).CopyTo(h);
            (Sigmoid(g3) * Tanh(c1)).CopyTo(h[8..]);
        }
        double logit = _denseBias;
        for (var k = 0; k < Hidden; k++)
            logit += (double)h[k] * _dense[k];
        return (float)(1.0 / (1.0 + Math.Exp(-logit)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    // tanh x = 1 - 2 / (e^2x + 1): no cancellation for large |x|, where e^2x grows without bound (→ 1) or vanishes (→ -1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tanh(Vector256<float> x) =>
        Vector256<float>.One - Vector256.Create(2f) / (Exp(x + x) + Vector256<float>.One);

    /// <summary>
    /// e^x as 2^n · e^r, n = round(x / ln 2), |r| ≤ ln 2 / 2, e^r by its Taylor series to r^7 (relative error under 1e-8 there),
    /// 2^n written into the exponent bits; x clamped to ±87 (the result stays a normal float). n is rounded by adding 1.5 · 2^23,
    /// which leaves it in the low bits of the sum. Vector256.Exp widens to double and took 15 ns a vector here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        var shifter = Vector256.Create(12582912f); // 1.5 · 2^23
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87f)), Vector256.Create(87f));
        var shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.44269504f), shifter); // x / ln 2 + 1.5 · 2^23
        var n = shifted - shifter;
        // r = x - n ln 2, with ln 2 in two parts so that n ln 2 loses no bits
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693145752f), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-1.42860677e-6f), r);
        var p = Vector256.Create(1f / 5040);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        var scale = Vector256.ShiftLeft(shifted.AsInt32() - shifter.AsInt32() + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>The compiled form of <paramref name="graph"/> (windows of <paramref name="steps"/> rows in, <paramref name="output"/> out), or null when it is not our LSTM's.</summary>
    public static CompiledLstm? TryCompile(GraphProto graph, string output, int steps)
    {
        if (graph.Input.Count != 1 || ServedGraph.HasSubgraphs(graph) || graph.Node.Count != 5 || steps is < 1 or > MaxSteps)
            return null;
        var (transpose, lstm, squeeze, gemm, sigmoid) = (graph.Node[0], graph.Node[1], graph.Node[2], graph.Node[3], graph.Node[4]);
        if (transpose is not { OpType: "Transpose", Input: [var input], Output: [var stepsFirst] } || input != graph.Input[0].Name
            || Ints(transpose, "perm") is not [1, 0, 2]
            || lstm is not { OpType: "LSTM", Domain: "" } || lstm.Input.Count < 4 || lstm.Input[0] != stepsFirst || lstm.Input.Skip(4).Any(i => i.Length > 0)
            || lstm.Output.Count < 2 || lstm.Output[1].Length == 0
            || squeeze is not { OpType: "Squeeze", Input: [var squeezed, ..], Output: [var last] } || squeezed != lstm.Output[1]
            || gemm is not { OpType: "Gemm", Input: [var a, var dw, var db], Output: [var logit] } || a != last
            || sigmoid is not { OpType: "Sigmoid", Input: [var s], Output: [var p] } || s != logit || p != output)
            return null;
        // Every attribute at its default but the hidden size (and a forward direction or layout 0 said out loud).
        foreach (var attribute in lstm.Attribute)
        {
            var fine = attribute.Name switch
            {
                "hidden_size" => attribute.I == Hidden,
                "direction" => attribute.S.ToStringUtf8() == "forward",
                "layout" or "input_forget" => attribute.I == 0,
                _ => false, // activations, clip, alphas, betas: not written by our exporter
            };
            if (!fine)
                return null;
        }
        foreach (var attribute in gemm.Attribute)
            if (!(attribute.Name is "alpha" or "beta" && attribute.F == 1f || attribute.Name is "transA" && attribute.I == 0 || attribute.Name is "transB"))
                return null;
        var transB = gemm.Attribute.FirstOrDefault(x => x.Name == "transB")?.I == 1;
        if (!SqueezesStepAxis(graph, squeeze))
            return null;

        var (w, r, bias) = (Floats(graph, lstm.Input[1], out var wDims), Floats(graph, lstm.Input[2], out var rDims), Floats(graph, lstm.Input[3], out var bDims));
        var (dense, denseDims) = (Floats(graph, dw, out var dd), dd);
        var denseBias = Floats(graph, db, out _);
        if (w is null || r is null || bias is null || dense is null || denseBias is not [var bias0]
            || wDims is not [1, Gates, var inputs] || rDims is not [1, Gates, Hidden] || bDims is not [1, 2 * Gates]
            || (transB ? denseDims is not [1, Hidden] : denseDims is not [Hidden, 1]) || inputs is < 1 or > 100_000)
            return null;

        var used = Enumerable.Range(0, (int)inputs).Where(j => Enumerable.Range(0, Gates).Any(g => w[g * inputs + j] != 0f)).ToArray();
        var inputWeights = new float[used.Length * Gates];
        for (var u = 0; u < used.Length; u++)
            for (var g = 0; g < Gates; g++)
                inputWeights[u * Gates + g] = w[g * inputs + used[u]];
        var hiddenWeights = new float[Hidden * Gates];
        for (var k = 0; k < Hidden; k++)
            for (var g = 0; g < Gates; g++)
                hiddenWeights[k * Gates + g] = r[g * Hidden + k];
        var gateBias = new float[Gates];
        for (var g = 0; g < Gates; g++)
            gateBias[g] = bias[g] + bias[Gates + g];
        return new CompiledLstm(steps, (int)inputs, used, inputWeights, hiddenWeights, gateBias, dense, bias0);
    }

    // Y_h is [directions, batch, hidden]: the squeeze must drop axis 0 (an attribute before opset 13, an input since).
    private static bool SqueezesStepAxis(GraphProto graph, NodeProto squeeze) => squeeze.Input.Count switch
    {
        1 => Ints(squeeze, "axes") is [0],
        2 => Initializer(graph, squeeze.Input[1]) is { DataType: (int)TensorProto.Types.DataType.Int64 } axes
            && (axes.Int64Data.Count > 0 ? axes.Int64Data is [0] : axes.RawData.Length == 8 && BitConverter.ToInt64(axes.RawData.Span) == 0),
        _ => false,
    };

    private static long[] Ints(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray() ?? [];

    private static TensorProto? Initializer(GraphProto graph, string name) => graph.Initializer.FirstOrDefault(t => t.Name == name);

    private static float[]? Floats(GraphProto graph, string name, out long[] dims)
    {
        var tensor = Initializer(graph, name);
        dims = tensor?.Dims.ToArray() ?? [];
        if (tensor is not { DataType: (int)TensorProto.Types.DataType.Float })
            return null;
        var count = dims.Aggregate(1L, (a, d) => a * d);
        var values = tensor.FloatData.Count > 0 ? tensor.FloatData.ToArray()
            : tensor.RawData.Length == count * 4 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : null;
        return values?.Length == count ? values : null;
    }
}
