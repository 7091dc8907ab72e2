using Plan2.Core.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>How one append is cut into lanes inserted concurrently: a symbol never in two lanes (its order and resume
/// position depend on its inserts running one after another), every row once, the load spread.</summary>
public sealed class TickLanesTests
{
    private static SequencedTick[] Ticks(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new SequencedTick(new Tick(i, new Price(i + 1), new Price(i + 2)), 0)).ToArray();

    [Fact]
    public void Split_KeepsEachSymbolInOneLane_InOrder_AndEveryRowOnce()
    {
        TickRun[] runs =
        [
            new("A", Ticks(0, 5), "t#1", 5), new("B", Ticks(0, 7), "t#1", 7), new("A", Ticks(5, 3), "t#1", 8),
            new("C", Ticks(0, 2)), new("B", Ticks(7, 1), "t#1", 8), new("D", Ticks(0, 6)), new("E", ReadOnlyMemory<SequencedTick>.Empty),
        ];

        var lanes = TickLanes.Split(runs, maxLanes: 2);

        Assert.Equal(2, lanes.Count);
        foreach (var symbol in new[] { "A", "B", "C", "D" })
        {
            Assert.Single(lanes, lane => lane.Any(r => r.Symbol == symbol));
            var lane = lanes.Single(l => l.Any(r => r.Symbol == symbol));
            Assert.Equal(runs.Where(r => r.Symbol == symbol), lane.Where(r => r.Symbol == symbol));
        }
        Assert.Equal(runs.Sum(r => r.Ticks.Length), lanes.Sum(l => l.Sum(r => r.Ticks.Length)));
        // Largest first to the emptiest lane: A (8) and B (8) apart, then D (6) beside A, C (2) beside B.
        Assert.NotEqual(lanes.Single(l => l.Any(r => r.Symbol == "A")), lanes.Single(l => l.Any(r => r.Symbol == "B")));
        Assert.Equal([10, 14], lanes.Select(l => l.Sum(r => r.Ticks.Length)).Order());
    }

    [Fact]
    public void Split_OneSymbolOrOneLane_IsOneLaneInTheOrderGiven()
    {
        TickRun[] runs = [new("A", Ticks(0, 3)), new("B", Ticks(0, 2)), new("A", Ticks(3, 1))];

        Assert.Equal([runs[0], runs[2], runs[1]], Assert.Single(TickLanes.Split(runs, maxLanes: 1)));
        Assert.Equal([runs[0], runs[2]], Assert.Single(TickLanes.Split([runs[0], runs[2]], maxLanes: 4)));
        Assert.Empty(TickLanes.Split([], maxLanes: 4));
    }
}
