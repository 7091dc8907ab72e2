using System.Runtime.InteropServices;
using Onnx;

namespace Plan2.Ml;

/// <summary>
/// The scaling our sequence exporters (LSTM, Transformer) put at the head of the graph: each feature
/// (x − mean) × (1 / std), then NaN → 0. In the graph it runs on every row of every window, 30 times a row
/// when windows overlap; lifted out (<see cref="Lift"/>), the scorer applies it once a row with the same
/// float operations in the same order, so the graph downstream sees the same values. ONNX Runtime's
/// broadcasting Sub, Mul, IsNaN and Where over [N, 30, 24] were a quarter of the Transformer's time a call.
/// </summary>
public sealed class InputScaling
{
    private readonly float[] _mean, _inverseStd;

    private InputScaling(float[] mean, float[] inverseStd) => (_mean, _inverseStd) = (mean, inverseStd);

    public int Features => _mean.Length;

    /// <summary>Scales rows of <see cref="Features"/> values in place.</summary>
    public void Apply(Span<float> rows)
    {
        var width = _mean.Length;
        for (var row = 0; row + width <= rows.Length; row += width)
            for (var f = 0; f < width; f++)
            {
                var scaled = (rows[row + f] - _mean[f]) * _inverseStd[f];
                rows[row + f] = float.IsNaN(scaled) ? 0f : scaled;
            }
    }

    /// <summary>
    /// Takes the head Sub(input, mean) → Mul(·, inverse std) → Where(IsNaN(·), 0, ·) out of <paramref name="graph"/>, whose
    /// nodes then read the input where they read the head's result; null (and the graph untouched) when the head is not
    /// exactly that, or its intermediate values are read anywhere else.
    /// </summary>
    public static InputScaling? Lift(GraphProto graph)
    {
        if (graph.Input.Count != 1 || ServedGraph.HasSubgraphs(graph))
            return null;
        var input = graph.Input[0].Name;
        var sub = Single(graph, n => n.OpType == "Sub" && n.Input is [var i, _] && i == input);
        var mul = sub is null ? null : Single(graph, n => n.OpType == "Mul" && n.Input is [var c, _] && c == sub.Output[0]);
        var isNaN = mul is null ? null : Single(graph, n => n.OpType == "IsNaN" && n.Input is [var s] && s == mul.Output[0]);
        var where = isNaN is null ? null : Single(graph, n => n.OpType == "Where" && n.Input is [var m, _, var s] && m == isNaN.Output[0] && s == mul!.Output[0]);
        if (sub is null || mul is null || isNaN is null || where is null
            || Floats(graph, sub.Input[1]) is not { } mean || Floats(graph, mul.Input[1]) is not { Length: var n } inverse || n != mean.Length
            || Floats(graph, where.Input[1]) is not [0f]
            || ServedGraph.Readers(graph, sub.Output[0]) != 1 || ServedGraph.Readers(graph, mul.Output[0]) != 2
            || ServedGraph.Readers(graph, isNaN.Output[0]) != 1
            || graph.Output.Any(o => o.Name == sub.Output[0] || o.Name == mul.Output[0] || o.Name == isNaN.Output[0] || o.Name == where.Output[0]))
            return null;
        var scaled = where.Output[0];
        foreach (var node in graph.Node)
            for (var i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == scaled)
                    node.Input[i] = input;
        foreach (var head in new[] { sub, mul, isNaN, where })
            graph.Node.Remove(head); // their constants, now unread, go with the served graph's sweep
        return new InputScaling(mean, inverse);
    }

    private static NodeProto? Single(GraphProto graph, Func<NodeProto, bool> match)
    {
        var found = graph.Node.Where(match).Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>
    /// A float initializer's values, from either of the two fields a writer may use; null when there is none or it is not
    /// one value per feature ([F]) or a single value (the 0), the shapes our exporters write.
    /// </summary>
    private static float[]? Floats(GraphProto graph, string name)
    {
        var t = graph.Initializer.FirstOrDefault(i => i.Name == name);
        if (t is null || t.DataType != (int)TensorProto.Types.DataType.Float || t.Dims.Count > 1 || graph.Input.Any(i => i.Name == name))
            return null;
        float[] values = t.FloatData.Count > 0 ? [.. t.FloatData] : MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        return t.Dims.Count == 0 || t.Dims[0] == values.Length ? values : null;
    }
}
