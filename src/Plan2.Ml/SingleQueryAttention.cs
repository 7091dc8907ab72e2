using Onnx;

namespace Plan2.Ml;

/// <summary>
/// Attention for the one query left once the Transformer is served on its last step, without keys and values for
/// every step. With keys K = aW_k + b_k, the scores qKᵀ are (qW_kᵀ)aᵀ plus q·b_k, the same for every step, which the
/// softmax cancels; with values V = aW_v + b_v and weights that sum to 1, the attended row is (weights·a)W_v + b_v.
/// So two [steps, d] × [d, d] products and their [steps, d] bias adds per window become two [1, d] × [d, d] ones.
/// Equal in exact arithmetic; in float within the tolerance the served graph is held to (tested against the export).
/// </summary>
internal static class SingleQueryAttention
{
    /// <summary>Rewrites <paramref name="graph"/> in place; false (nothing changed) unless it is our one-head block, already on one query.</summary>
    public static bool Rewrite(GraphProto graph)
    {
        var (kMm, k, v, vMm, kT, scores, attended) = (Node(graph, "MatMul", "k_mm"), Node(graph, "Add", "k"), Node(graph, "Add", "v"),
            Node(graph, "MatMul", "v_mm"), Node(graph, "Transpose", "k_t"), Node(graph, "MatMul", "scores_raw"), Node(graph, "MatMul", "attended"));
        if (kMm?.Input is not ["a", var wkName] || k?.Input is not ["k_mm", _] || vMm?.Input is not ["a", var wvName] || v?.Input is not ["v_mm", var bv]
            || kT?.Input is not ["k"] || kT.Attribute.SingleOrDefault(a => a.Name == "perm")?.Ints is not [0, 2, 1]
            || scores?.Input is not ["q", "k_t"] || attended?.Input is not ["attention", "v"]
            || ServedGraph.Readers(graph, "k") != 1 || ServedGraph.Readers(graph, "v") != 1 || ServedGraph.Readers(graph, "k_t") != 1
            || Node(graph, "Add", "q") is not { } q || graph.Node.IndexOf(q) > graph.Node.IndexOf(kMm) // q is ready where the keys were
            || graph.Initializer.FirstOrDefault(t => t.Name == wkName) is not { Dims: [var rows, var cols] } wk || wk.FloatData.Count != rows * cols)
            return false;

        var wkT = new TensorProto { Name = wkName + "_transposed", DataType = wk.DataType };
        wkT.Dims.Add(cols);
        wkT.Dims.Add(rows);
        for (var c = 0; c < cols; c++)
            for (var r = 0; r < rows; r++)
                wkT.FloatData.Add(wk.FloatData[(int)(r * cols + c)]);
        graph.Initializer.Add(wkT);

        Rewire(kMm, ["q", wkT.Name], "q_keys");    // qW_kᵀ: [N, 1, d]
        Rewire(kT, ["a"], "a_t");                 // aᵀ: [N, d, steps]
        Rewire(scores, ["q_keys", "a_t"], "scores_raw");
        Rewire(attended, ["attention", "a"], "attended_a");
        var at = graph.Node.IndexOf(attended);
        graph.Node.Insert(at + 1, Op("MatMul", ["attended_a", wvName], "attended_mm"));
        graph.Node.Insert(at + 2, Op("Add", ["attended_mm", bv], "attended"));
        foreach (var unread in new[] { k, vMm, v })
            graph.Node.Remove(unread); // W_k and the biases' [steps, d] blocks, now unread, go with the served graph's sweep
        return true;
    }

    private static NodeProto? Node(GraphProto graph, string op, string output) =>
        ServedGraph.Find(graph, op, output) is var i and >= 0 ? graph.Node[i] : null;

    private static void Rewire(NodeProto node, string[] inputs, string output)
    {
        node.Input.Clear();
        node.Input.Add(inputs);
        node.Output.Clear();
        node.Output.Add(output);
    }

    private static NodeProto Op(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }
}
