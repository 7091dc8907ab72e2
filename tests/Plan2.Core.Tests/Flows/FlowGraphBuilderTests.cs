using Plan2.Core.Flows;

namespace Plan2.Core.Tests.Flows;

public class FlowGraphBuilderTests
{
    private static FlowSnapshot Snapshot(IReadOnlyList<string>? strategies = null, IReadOnlyList<TerminalFlow>? terminals = null) => new(
        [new FeedFlow("replay", "replay", ["EURUSD", "USDJPY"], 120)],
        ["EURUSD", "USDJPY"],
        ["EURUSD/M1"],
        strategies ?? ["acme/main/ai-1/EURUSD", "acme/main/rsi/USDJPY"],
        ["acme/main", "zeta/mt"],
        ["EURUSD"],
        terminals ?? [new TerminalFlow("T1", "zeta/mt")]);

    private static bool Has(FlowGraph g, string from, string to) => g.Edges.Contains(new FlowEdge(from, to));

    [Fact]
    public void Build_FollowsTheKeys_FromFeedToVenue()
    {
        var g = FlowGraphBuilder.Build(Snapshot());

        Assert.True(Has(g, "feed:replay", "instrument:EURUSD"));
        Assert.True(Has(g, "feed:replay", "instrument:USDJPY"));
        Assert.True(Has(g, "instrument:EURUSD", "predictor:EURUSD/M1"));
        Assert.True(Has(g, "predictor:EURUSD/M1", "strategy:acme/main/ai-1/EURUSD"));
        Assert.True(Has(g, "instrument:USDJPY", "strategy:acme/main/rsi/USDJPY")); // no predictor for USDJPY: the instrument feeds it
        Assert.True(Has(g, "strategy:acme/main/ai-1/EURUSD", "account:acme/main"));
        Assert.True(Has(g, "account:acme/main", "venue:paper"));
        Assert.True(Has(g, "account:zeta/mt", "venue:mt5:T1")); // linked to a terminal, not the paper broker
        Assert.Equal(9, g.Edges.Count); // the eight above and strategy rsi → account acme/main
    }

    [Fact]
    public void Build_NodesCarryTheirKindAndLabels()
    {
        var g = FlowGraphBuilder.Build(Snapshot());
        var strategy = g.Nodes.Single(n => n.Id == "strategy:acme/main/ai-1/EURUSD");
        Assert.Equal((FlowKind.Strategy, "ai-1 EURUSD", "acme/main"), (strategy.Kind, strategy.Label, strategy.Detail));
        var feed = g.Nodes.Single(n => n.Kind == FlowKind.Feed);
        Assert.Equal(("replay", "120 ticks/s"), (feed.Label, feed.Detail)); // the kind is the name: said once
        Assert.Equal(["venue:mt5:T1", "venue:paper"], g.Nodes.Where(n => n.Kind == FlowKind.Venue).Select(n => n.Id).Order());
    }

    [Theory]
    [InlineData("vm:21694/replay", "replay", 157.1, "replay", "vm:21694 · 157.1 ticks/s")] // the id wraps nowhere: only its name titles the box
    [InlineData("vm:21694/T1", "mt5", 7, "T1", "vm:21694 · mt5 · 7 ticks/s")]
    [InlineData("csv/", "import", 0, "csv/", "import · 0 ticks/s")] // nothing after the slash: the id as it is
    public void AFeedNamedByWhereItRuns_IsTitledByItsName(string feedId, string kind, double ticksPerSecond, string label, string detail)
    {
        var snapshot = Snapshot() with { Feeds = [new FeedFlow(feedId, kind, ["EURUSD"], ticksPerSecond)] };
        var feed = FlowGraphBuilder.Build(snapshot).Nodes.Single(n => n.Kind == FlowKind.Feed);
        Assert.Equal((label, detail), (feed.Label, feed.Detail));
        Assert.Equal("feed:" + feedId, feed.Id); // the id still names it (links, counts)
    }

    [Fact]
    public void Build_PastTheCap_CountsHiddenNodes_AndDrawsNoEdgeToThem()
    {
        var strategies = Enumerable.Range(0, 10).Select(i => $"acme/main/s{i:00}/EURUSD").ToList();

        var g = FlowGraphBuilder.Build(Snapshot(strategies), maxPerKind: 4);

        Assert.Equal(4, g.Nodes.Count(n => n.Kind == FlowKind.Strategy));
        Assert.Equal(6, g.Hidden[FlowKind.Strategy]);
        var ids = g.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(g.Edges, e => Assert.True(ids.Contains(e.From) && ids.Contains(e.To)));
    }

    [Fact]
    public void Build_NothingRunning_IsEmpty()
    {
        var g = FlowGraphBuilder.Build(new FlowSnapshot([], [], [], [], [], [], []));
        Assert.Empty(g.Nodes);
        Assert.Empty(g.Edges);
    }
}
