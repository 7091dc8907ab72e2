using Google.Protobuf;
using Onnx;

namespace Plan2.Ml;

/// <summary>
/// Serves our Transformer (one pre-norm block, pooled at the last step) computing only what its output reads.
/// The exported graph runs attention queries, the output projection and the feed-forward block at every step and
/// then keeps the last one; the same graph with the last step gathered right after the first norm (its queries and
/// residual) does that work once a window instead of <c>steps</c> times: keys and values still see every step.
/// The same operators on the same values, only fewer rows: ONNX Runtime gives the same scores (the tests hold it
/// to the exported graph on real and random windows). The one query left then attends without keys and values for
/// every step (<see cref="SingleQueryAttention"/>). The biases of the Denses that still run on every step are
/// added as whole [steps, d] blocks. A graph that is not exactly ours is served as it is.
/// </summary>
public static class LastStepTransformer
{
    private const string Kept = "last_step_kept", Only = "only_step";

    /// <summary>The graph computing the last step only, or null when <paramref name="model"/> is not the graph our exporter writes.</summary>
    public static byte[]? Rewrite(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        return Rewrite(proto) ? proto.ToByteArray() : null;
    }

    /// <summary>Rewrites <paramref name="proto"/> in place; false (and nothing changed) when it is not the graph our exporter writes.</summary>
    internal static bool Rewrite(ModelProto proto)
    {
        var graph = proto.Graph;
        var norm = ServedGraph.Find(graph, "LayerNormalization", "a");
        var query = ServedGraph.Find(graph, "MatMul", "q_mm");
        var residual = ServedGraph.Find(graph, "Add", "h1");
        var pool = ServedGraph.Find(graph, "Gather", "pooled");
        var last = graph.Initializer.FirstOrDefault(t => t.Name == "last_step");
        if (graph.Name != "plan2_transformer" || norm < 0 || query < 0 || residual < 0 || pool < 0 || last is not { Int64Data.Count: 1, Dims.Count: 0 }
            || graph.Node[query].Input[0] != "a" || graph.Node[residual].Input[0] != "h0" || graph.Node[pool].Input is not ["h2", "last_step"]
            || graph.Initializer.Any(t => t.Name is Kept or Only))
            return false;

        // A one-element index keeps the step axis ([N, 1, d]), so attention and the feed-forward block run unchanged on one step.
        var kept = new TensorProto { Name = Kept, DataType = (int)TensorProto.Types.DataType.Int64 };
        kept.Dims.Add(1);
        kept.Int64Data.Add(last.Int64Data[0]);
        var only = new TensorProto { Name = Only, DataType = (int)TensorProto.Types.DataType.Int64 };
        only.Int64Data.Add(0);
        graph.Initializer.Remove(last);
        graph.Initializer.Add(kept);
        graph.Initializer.Add(only);
        graph.Node[query].Input[0] = "a_last";
        graph.Node[residual].Input[0] = "h0_last";
        graph.Node[pool].Input[1] = Only;
        graph.Node.Insert(norm + 1, Gather("a", "a_last"));
        graph.Node.Insert(norm + 2, Gather("h0", "h0_last"));
        SingleQueryAttention.Rewrite(graph); // then no keys or values per step: their bias blocks below find nothing to do
        foreach (var perStep in new[] { "embedded", "k", "v" })
            AddWholeSteps(graph, perStep);
        return true;
    }

    /// <summary>
    /// The bias of a Dense that still runs on every step ([N, steps, d] + [d]) as a [steps, d] block of the same values:
    /// the same sums, but ONNX Runtime adds it in runs of steps × d values instead of d (four times faster here).
    /// </summary>
    private static void AddWholeSteps(GraphProto graph, string output)
    {
        var add = ServedGraph.Find(graph, "Add", output);
        var positions = graph.Initializer.FirstOrDefault(t => t.Name == "positions");
        var bias = add < 0 ? null : graph.Initializer.FirstOrDefault(t => t.Name == graph.Node[add].Input[1]);
        if (positions is not { Dims.Count: 2 } || bias is not { Dims.Count: 1, FloatData.Count: > 0 } || bias.Dims[0] != bias.FloatData.Count)
            return;
        var name = bias.Name + "_every_step";
        if (graph.Initializer.All(t => t.Name != name)) // a bias shared by two Denses gets one block
        {
            var block = new TensorProto { Name = name, DataType = bias.DataType };
            block.Dims.Add(positions.Dims[0]);
            block.Dims.Add(bias.Dims[0]);
            for (var t = 0; t < positions.Dims[0]; t++)
                block.FloatData.Add(bias.FloatData);
            graph.Initializer.Add(block);
        }
        graph.Node[add].Input[1] = name; // the [d] bias, now unread, goes with the served graph's sweep
    }

    private static NodeProto Gather(string input, string output)
    {
        var node = new NodeProto { OpType = "Gather", Name = output };
        node.Input.Add(input);
        node.Input.Add(Kept);
        node.Output.Add(output);
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return node;
    }
}
