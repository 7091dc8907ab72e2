using Google.Protobuf;
using Onnx;

namespace Plan2.Ml;

/// <summary>
/// The graph a scorer runs: the exported one less what serving never reads, the same operators on the same values
/// for the output it serves. ONNX Runtime runs every node of a graph whatever outputs a call asks for, so:
/// only the nodes the served output depends on are kept (ML.NET's tree graphs also compute a label and copy the input
/// and the raw score to outputs: five small nodes, each a few µs a call); our Transformer computes its last step
/// only (<see cref="LastStepTransformer"/>); a sequence model's input scaling moves out to the scorer, which applies it
/// once a row instead of once in every window (<see cref="InputScaling"/>).
/// </summary>
public sealed record ServedGraph(byte[] Model, bool LastStepOnly, InputScaling? Scaling)
{
    public static ServedGraph Prepare(byte[] exported, ModelEntry entry)
    {
        var proto = ModelProto.Parser.ParseFrom(exported);
        var pruned = KeepOnly(proto.Graph, entry.OutputName);
        var lastStep = entry.Kind == "transformer" && LastStepTransformer.Rewrite(proto);
        var scaling = entry.WindowSteps > 1 ? InputScaling.Lift(proto.Graph) : null;
        if (scaling is not null && scaling.Features != Plan2.Core.Features.FeatureSchema.Count)
            throw new InvalidDataException($"{entry.Name} scales {scaling.Features} features, not the schema's {Plan2.Core.Features.FeatureSchema.Count}.");
        if (!(pruned || lastStep || scaling is not null))
            return new ServedGraph(exported, false, null);
        DropUnread(proto.Graph); // what the rewrites left unread (the lifted scaling's constants, biases now added as blocks)
        return new ServedGraph(proto.ToByteArray(), lastStep, scaling);
    }

    /// <summary>True when a node carries a subgraph, which may read any value of the graph around it: rewrites leave such a graph alone.</summary>
    internal static bool HasSubgraphs(GraphProto graph) => graph.Node.Any(n => n.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0));

    /// <summary>The index of the <paramref name="op"/> node whose one output is <paramref name="output"/>, or -1: how the rewrites find our exporters' nodes.</summary>
    internal static int Find(GraphProto graph, string op, string output)
    {
        for (var i = 0; i < graph.Node.Count; i++)
            if (graph.Node[i].OpType == op && graph.Node[i].Output is [var o] && o == output)
                return i;
        return -1;
    }

    /// <summary>How many node inputs read <paramref name="name"/> (a node reading it twice counts twice).</summary>
    internal static int Readers(GraphProto graph, string name) => graph.Node.Sum(n => n.Input.Count(i => i == name));

    /// <summary>Removes the initializers no node reads, but for one also listed as a graph input (older models: the input would become required).</summary>
    private static void DropUnread(GraphProto graph)
    {
        var read = graph.Node.SelectMany(n => n.Input).ToHashSet();
        foreach (var unread in graph.Initializer.Where(t => !read.Contains(t.Name) && graph.Input.All(i => i.Name != t.Name)).ToList())
            graph.Initializer.Remove(unread);
    }

    /// <summary>
    /// Drops the graph's other outputs, the nodes <paramref name="output"/> does not depend on and the initializers no
    /// node reads any more; false (nothing changed) when there was nothing to drop, the graph has no such output or it has subgraphs.
    /// </summary>
    public static bool KeepOnly(GraphProto graph, string output)
    {
        if (graph.Output.Count(o => o.Name == output) != 1 || HasSubgraphs(graph))
            return false;
        var needed = new HashSet<string> { output };
        var kept = new bool[graph.Node.Count];
        for (var i = graph.Node.Count - 1; i >= 0; i--) // ONNX lists nodes in topological order: readers after writers
        {
            if (!graph.Node[i].Output.Any(needed.Contains))
                continue;
            kept[i] = true;
            needed.UnionWith(graph.Node[i].Input.Where(name => name.Length > 0));
        }
        if (graph.Output.Count == 1 && kept.All(k => k))
            return false;
        for (var i = graph.Node.Count - 1; i >= 0; i--)
            if (!kept[i])
                graph.Node.RemoveAt(i);
        foreach (var other in graph.Output.Where(o => o.Name != output).ToList())
            graph.Output.Remove(other);
        DropUnread(graph);
        return true;
    }
}
