using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Serialization.TypeSystem;
using Plan2.Abstractions.Flows;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.Flows;
using Plan2.Grains.MarketData;
using Plan2.Grains.Predictions;
using Plan2.Grains.Trading.Accounts;
using Plan2.Grains.Trading.Mt5;
using Plan2.Grains.Trading.Strategies;
using Plan2.Grains.Trading.Venues;

namespace Plan2.Grains.Flows;

/// <summary>
/// A thin shell over the Core <see cref="FlowGraphBuilder"/>: asks the management grain which activations
/// of the flow's grain classes exist (every silo answers for its own), the feed grain which feeds report,
/// and each active MT5 terminal which account it serves. The graph is kept for <see cref="FreshFor"/>.
/// </summary>
[Reentrant] // concurrent readers share one rebuild; the only state is the cached result
public sealed class FlowRegistryGrain(TimeProvider clock) : Grain, IFlowRegistryGrain
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, string> Classes = new[]
    {
        typeof(InstrumentGrain), typeof(PredictorGrain), typeof(StrategyGrain), typeof(AccountGrain), typeof(PaperBookGrain), typeof(Mt5TerminalGrain),
    }.ToDictionary(RuntimeTypeNameFormatter.Format, t => t.Name, StringComparer.Ordinal);

    private static readonly HashSet<string> ShortNames = [.. Classes.Values];

    private Task<FlowGraphView>? _building;
    private FlowGraphView? _last;

    Task<FlowGraphView> IFlowRegistryGrain.GetAsync()
    {
        if (_last is { } last && clock.GetUtcNow() - last.BuiltAt < FreshFor)
            return Task.FromResult(last);
        return _building ??= BuildAsync();
    }

    /// <summary>The class's own name, however the runtime spells its type (full name, perhaps with the assembly).</summary>
    private static string? ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        name = name[(name.LastIndexOf('.') + 1)..];
        return ShortNames.Contains(name) ? name : null;
    }

    private async Task<FlowGraphView> BuildAsync()
    {
        try
        {
            var stats = await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics([.. Classes.Keys]);
            var keys = stats
                .Select(s => (Class: ShortName(s.GrainType), Key: s.GrainId.Key.ToString() ?? ""))
                .Where(s => s.Class is not null)
                .ToLookup(s => s.Class!, s => s.Key);
            var feeds = await GrainFactory.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync();
            var terminals = await Task.WhenAll(keys[nameof(Mt5TerminalGrain)].Select(async id =>
                new TerminalFlow(id, (await GrainFactory.GetGrain<IMt5TerminalGrain>(id).GetStatusAsync()).Account)));
            var snapshot = new FlowSnapshot(
                feeds.Select(f => new FeedFlow(f.FeedId, f.Kind, f.Symbols, f.TicksPerSecond)).ToList(),
                [.. keys[nameof(InstrumentGrain)]], [.. keys[nameof(PredictorGrain)]], [.. keys[nameof(StrategyGrain)]],
                [.. keys[nameof(AccountGrain)]], [.. keys[nameof(PaperBookGrain)]], terminals);
            var graph = FlowGraphBuilder.Build(snapshot);
            _last = new FlowGraphView(
                graph.Nodes.Select(n => new FlowNodeView(n.Id, n.Kind.ToString().ToLowerInvariant(), n.Label, n.Detail)).ToList(),
                graph.Edges.Select(e => new FlowEdgeView(e.From, e.To)).ToList(),
                graph.Hidden.ToDictionary(h => h.Key.ToString().ToLowerInvariant(), h => h.Value),
                clock.GetUtcNow());
            return _last;
        }
        finally
        {
            _building = null;
        }
    }
}
