namespace Plan2.Core.Flows;

/// <summary>The stages market data and orders pass through, in the order they flow (the diagram's columns).</summary>
public enum FlowKind { Feed, Instrument, Predictor, Strategy, Account, Venue }

/// <summary>One running thing: Id is "kind:key"; Detail a short second line (a feed's rate, a strategy's account).</summary>
public sealed record FlowNode(string Id, FlowKind Kind, string Label, string? Detail = null);

/// <summary>Data or orders go from one node to another.</summary>
public sealed record FlowEdge(string From, string To);

/// <summary>
/// What runs now and how it connects. Hidden counts, per kind, the nodes left out past the cap so that
/// a cluster with thousands of strategies still draws; edges to hidden nodes are left out with them.
/// </summary>
public sealed record FlowGraph(IReadOnlyList<FlowNode> Nodes, IReadOnlyList<FlowEdge> Edges, IReadOnlyDictionary<FlowKind, int> Hidden)
{
    public static string IdOf(FlowKind kind, string key) => $"{kind.ToString().ToLowerInvariant()}:{key}";
}
