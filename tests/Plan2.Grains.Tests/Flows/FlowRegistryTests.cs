using Plan2.Abstractions.Flows;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Tests.Trading;

namespace Plan2.Grains.Tests.Flows;

[Collection(ClusterCollection.Name)]
public class FlowRegistryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ActiveGrains_OfBothSilos_AppearAsAConnectedFlow()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var strategyKey = $"{kit.Tenant}/{kit.AccountId}/flow-1/EURUSD";
        await fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>(strategyKey).ConfigureAsync(new StrategyConfig(Lots: 1m));
        var registry = fixture.Cluster.GrainFactory.GetGrain<IFlowRegistryGrain>(IFlowRegistryGrain.Key);

        var graph = await WaitForAsync(registry, g => g.Nodes.Any(n => n.Id == $"strategy:{strategyKey}"));

        Assert.Contains(graph.Nodes, n => n is { Id: "instrument:EURUSD", Kind: "instrument" });
        Assert.Contains(graph.Nodes, n => n.Id == $"account:{kit.Tenant}/{kit.AccountId}" && n.Kind == "account");
        Assert.Contains(new FlowEdgeView($"strategy:{strategyKey}", $"account:{kit.Tenant}/{kit.AccountId}"), graph.Edges);
        Assert.Contains(new FlowEdgeView($"account:{kit.Tenant}/{kit.AccountId}", "venue:paper"), graph.Edges);
        Assert.True(graph.Edges.Any(e => e.To == $"strategy:{strategyKey}"), "the strategy hears its instrument or predictor");
    }

    /// <summary>The registry rebuilds at most every 2 s: waits up to 10 s for the graph to show what the test started.</summary>
    private static async Task<FlowGraphView> WaitForAsync(IFlowRegistryGrain registry, Func<FlowGraphView, bool> match)
    {
        FlowGraphView graph = await registry.GetAsync();
        for (var i = 0; i < 50 && !match(graph); i++)
        {
            await Task.Delay(200);
            graph = await registry.GetAsync();
        }
        Assert.True(match(graph), "the registry never showed the new strategy; it showed: " + string.Join(", ", graph.Nodes.Select(n => n.Id)));
        return graph;
    }
}
