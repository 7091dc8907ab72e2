using Plan2.ClickHouseFront;
using Plan2.Core.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>
/// ClickHouse stores a feed's ticks and its cursor in two inserts, not one transaction. A process that dies between them
/// has stored the ticks but not the cursor: the position the platform resumes from must still count those ticks, or the
/// terminal resends them and they are stored a second time (under new order numbers). The front refuses the cursor's
/// insert the way a dead server or a killed process leaves it: the ticks are in, the cursor is not.
/// </summary>
[Collection(ChDbCollection.Name)]
public sealed class ClickHouseCrashBetweenInsertsTests(ChDbFixture engine)
{
    private static readonly long T0 = new DateTimeOffset(2024, 7, 8, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static SequencedTick[] Ticks(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new SequencedTick(new Tick(T0 + i / 3, new Price(100_000 + i), new Price(100_100 + i)), i % 3)).ToArray();

    private static string NewSymbol() => "C" + Guid.NewGuid().ToString("n")[..10].ToUpperInvariant();
    private static string NewFeed(string terminal = "crash") => $"{terminal}-{Guid.NewGuid().ToString("n")[..6]}#{Random.Shared.NextInt64(1, long.MaxValue)}";

    private async Task<ClickHouseTickStore> OpenAsync(string database)
    {
        var store = new ClickHouseTickStore(engine.ConnectionString(database));
        await store.EnsureSchemaAsync();
        return store;
    }

    private static async Task<List<Tick>> ReadAllAsync(ITickStore store, string symbol)
    {
        var list = new List<Tick>();
        await foreach (var t in store.ReadTicksAsync(symbol, T0 - 30L * 86_400_000, T0 + 10_000_000)) list.Add(t);
        return list;
    }

    [Fact]
    public async Task DiedAfterTheTickInsert_BeforeTheCursor_TheRestartedStoreResumesAfterTheStoredTicks()
    {
        var database = "crash_" + Guid.NewGuid().ToString("n")[..8];
        var (symbol, feed) = (NewSymbol(), NewFeed());
        await using (var first = await OpenAsync(database))
        {
            await first.AppendManyAsync([new TickRun(symbol, Ticks(0, 300), feed, 300)], [], [new FeedCursor(feed, symbol, 300)]);
            engine.Front.Refuse = sql => sql.Contains("INSERT INTO feed_cursors", StringComparison.Ordinal)
                ? "Connection reset by peer (the silo died)" : null;
            try
            {
                await Assert.ThrowsAnyAsync<Exception>(() =>
                    first.AppendManyAsync([new TickRun(symbol, Ticks(300, 450), feed, 750)], [], [new FeedCursor(feed, symbol, 750)]));
            }
            finally
            {
                engine.Front.Refuse = null;
            }
        }

        await using var restarted = await OpenAsync(database);
        var position = await restarted.ReadFeedCursorAsync(feed, symbol);

        Assert.Equal(750, position); // not 300: the terminal resends from 751, so no stored tick comes again
        // Then the terminal resends from there: every tick once.
        await restarted.AppendManyAsync([new TickRun(symbol, Ticks(750, 60), feed, 810)], [], [new FeedCursor(feed, symbol, 810)]);
        Assert.Equal(Ticks(0, 810).Select(t => t.Tick), await ReadAllAsync(restarted, symbol));
        Assert.Equal(810, await restarted.ReadFeedCursorAsync(feed, symbol));
    }

    [Fact]
    public async Task ResumePosition_ComesFromTheStoredTicks_PerFeedAndSymbol()
    {
        await using var store = await OpenAsync("plan2");
        var (a, b, feed) = (NewSymbol(), NewSymbol(), NewFeed());

        // Ticks only, no cursor row at all: as after a crash between the two inserts.
        await store.AppendManyAsync([new TickRun(a, Ticks(0, 40), feed, 41), new TickRun(b, Ticks(0, 10), feed, 12), new TickRun(a, Ticks(40, 5), feed, 46)], []);

        Assert.Equal(46, await store.ReadFeedCursorAsync(feed, a));
        Assert.Equal(12, await store.ReadFeedCursorAsync(feed, b));
        Assert.Equal(0, await store.ReadFeedCursorAsync(NewFeed(), a));
        // The cursor row still counts where it is ahead (its last ticks were all refused, so none carries it).
        await store.AppendManyAsync([], [], [new FeedCursor(feed, a, 50)]);
        Assert.Equal(50, await store.ReadFeedCursorAsync(feed, a));
    }

    [Fact]
    public async Task EnsureSchema_GivesAnOldTicksTableTheFeedColumns_AndItsRowsStayReadable()
    {
        var database = "old_" + Guid.NewGuid().ToString("n")[..8];
        var symbol = NewSymbol();
        // The ticks table as stores before the feed columns made it.
        Run($"CREATE DATABASE {database}");
        Run($"""
            CREATE TABLE {database}.ticks (symbol LowCardinality(String), time DateTime64(3, 'UTC'), seq Int32,
                bid Int64, ask Int64, last Int64, volume Float64)
            ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(time) ORDER BY (symbol, time, seq)
            """);
        Run($"INSERT INTO {database}.ticks VALUES ('{symbol}', fromUnixTimestamp64Milli({T0 - 1}, 'UTC'), 0, 99000, 99100, 0, 0)");

        await using var store = await OpenAsync(database);
        await store.EnsureSchemaAsync(); // twice: safe
        var feed = NewFeed();
        await store.AppendManyAsync([new TickRun(symbol, Ticks(0, 20), feed, 20)], [], [new FeedCursor(feed, symbol, 20)]);

        var read = await ReadAllAsync(store, symbol);
        Assert.Equal(21, read.Count);
        Assert.Equal(new Price(99000), read[0].Bid);
        Assert.Equal(20, await store.ReadFeedCursorAsync(feed, symbol));
    }

    [Fact]
    public async Task Inserts_NeverSpanTwoMonths()
    {
        await using var store = await OpenAsync("plan2");
        var symbol = NewSymbol();
        var endOfJune = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() - 3;
        var ticks = Enumerable.Range(0, 6).Select(i => new SequencedTick(new Tick(endOfJune + i, new Price(1_000 + i), new Price(1_100 + i)), 0)).ToArray();
        var inserts = new List<string>();
        engine.Front.Trace = sql =>
        {
            if (sql.StartsWith($"INSERT INTO {TickRowBinary.Table} ", StringComparison.Ordinal))
                lock (inserts) inserts.Add(sql);
        };
        try
        {
            await store.AppendManyAsync([new TickRun(symbol, ticks, "m#1", 6)], []);
        }
        finally
        {
            engine.Front.Trace = null;
        }

        Assert.Equal(2, inserts.Count); // June's three ticks, then July's: each insert one partition, one part
        Assert.Equal(ticks.Select(t => t.Tick), await ReadAllAsync(store, symbol));
    }

    private void Run(string sql) => Query(sql);

    private string Query(string sql)
    {
        using var result = engine.Engine.Query(sql, "TabSeparated").EnsureSuccess();
        return System.Text.Encoding.UTF8.GetString(result.ToArray()).Trim();
    }
}
