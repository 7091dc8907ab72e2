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
    public void Requests_NeverSpanTwoMonths_AndKeepTheRowsInOrder()
    {
        // ClickHouse partitions ticks by month: an insert into one partition is one part, stored whole or not at all.
        var july = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var august = new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        SequencedTick At(long ms) => new(new Tick(ms, new Price(1), new Price(2)), 0);
        TickRun[] runs =
        [
            new("A", new[] { At(july - 2), At(july - 1), At(july), At(july + 1) }, "t#1", 4),
            new("B", new[] { At(july + 5), At(august - 1), At(august), At(august + 1), At(august + 2) }, "t#1", 9),
        ];

        var requests = TickRowBinary.Requests(runs, maxRows: 4).ToList();

        Assert.All(requests, r => Assert.Single(r.SelectMany(run => run.Ticks.ToArray()).Select(t => TickRowBinary.MonthOf(t.Tick.TimeMs)).Distinct()));
        Assert.Equal([2, 4, 3], requests.Select(r => r.Sum(run => run.Ticks.Length)));
        var flattened = requests.SelectMany(r => r).SelectMany(run => run.Ticks.ToArray().Select(t => (run.Symbol, run.Feed, t))).ToList();
        Assert.Equal(runs.SelectMany(run => run.Ticks.ToArray().Select(t => (run.Symbol, run.Feed, t))), flattened);
        // A run cut in two claims its feed sequence only in the piece with its last tick: the first piece stored alone
        // must leave the resume position where it was, or the ticks of the second would never be sent again.
        Assert.Equal([("A", 0L), ("A", 4L), ("B", 0L), ("B", 9L)], requests.SelectMany(r => r).Select(run => (run.Symbol, run.FeedSeq)));
    }

    [Fact]
    public void Store_RefusesABatchSizeTheServerWouldSplit()
    {
        // Beyond max_insert_block_size one insert becomes several parts: a crash could keep some, and the feed sequence
        // each row carries would then claim ticks that were never stored.
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClickHouseTickStore("Host=127.0.0.1", batchSize: ClickHouseTickStore.MaxAtomicInsertRows + 1));
        Assert.True(ClickHouseTickStore.DefaultBatchSize <= ClickHouseTickStore.MaxAtomicInsertRows);
    }

    [Fact]
    public void Requests_OfNothing_AreNone() =>
        Assert.Empty(TickRowBinary.Requests([new TickRun("A", Array.Empty<SequencedTick>())], maxRows: 10));
}
