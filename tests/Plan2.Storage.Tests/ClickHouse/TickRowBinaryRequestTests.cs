using Plan2.Core.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>How a multi-symbol write is cut into insert requests: bounded, in order, nothing lost or repeated.</summary>
public sealed class TickRowBinaryRequestTests
{
    private static SequencedTick[] Ticks(string tag, int count) =>
        Enumerable.Range(0, count).Select(i => new SequencedTick(new Tick(1_000 * tag[0] + i, new Price(i + 1), new Price(i + 2)), 0)).ToArray();

    [Fact]
    public void Requests_SplitRunsAtTheRowLimit_KeepingEveryRowOnceInOrder()
    {
        TickRun[] runs = [new("A", Ticks("A", 5)), new("B", Ticks("B", 7)), new("C", Ticks("C", 2))];

        var requests = TickRowBinary.Requests(runs, maxRows: 4).ToList();

        Assert.Equal([4, 4, 4, 2], requests.Select(r => r.Sum(run => run.Ticks.Length)));
        var flattened = requests.SelectMany(r => r).SelectMany(run => run.Ticks.ToArray().Select(t => (run.Symbol, t))).ToList();
        var expected = runs.SelectMany(run => run.Ticks.ToArray().Select(t => (run.Symbol, t))).ToList();
        Assert.Equal(expected, flattened);
    }

    [Fact]
    public void Requests_OfNothing_AreNone() =>
        Assert.Empty(TickRowBinary.Requests([new TickRun("A", Array.Empty<SequencedTick>())], maxRows: 10));
}
