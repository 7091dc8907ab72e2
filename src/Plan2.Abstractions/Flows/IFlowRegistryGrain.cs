namespace Plan2.Abstractions.Flows;

/// <summary>
/// The registry of running flows (one well-known grain, key <see cref="Key"/>): feeds, instruments,
/// predictors, strategies, accounts and venues active in the cluster now, and how data and orders pass
/// between them. Built from the cluster's own management view (which activations exist on which silo)
/// and the feeds' health reports, so nothing has to register and nothing goes stale when a silo dies.
/// </summary>
[Alias("plan2.IFlowRegistryGrain")]
public interface IFlowRegistryGrain : IGrainWithStringKey
{
    public const string Key = "platform";

    /// <summary>The flows now (rebuilt at most every couple of seconds, however many dashboards ask).</summary>
    [Alias("Get")] Task<FlowGraphView> GetAsync();
}

/// <summary>Kind: feed, instrument, predictor, strategy, account or venue (the diagram's columns, in flow order).</summary>
[GenerateSerializer, Immutable, Alias("plan2.flow-node")]
public sealed record FlowNodeView([property: Id(0)] string Id, [property: Id(1)] string Kind, [property: Id(2)] string Label, [property: Id(3)] string? Detail);

[GenerateSerializer, Immutable, Alias("plan2.flow-edge")]
public sealed record FlowEdgeView([property: Id(0)] string From, [property: Id(1)] string To);

/// <summary>Hidden: per kind, how many were left out past the drawing's cap.</summary>
[GenerateSerializer, Immutable, Alias("plan2.flow-graph")]
public sealed record FlowGraphView(
    [property: Id(0)] IReadOnlyList<FlowNodeView> Nodes,
    [property: Id(1)] IReadOnlyList<FlowEdgeView> Edges,
    [property: Id(2)] IReadOnlyDictionary<string, int> Hidden,
    [property: Id(3)] DateTimeOffset BuiltAt);
