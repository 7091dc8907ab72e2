using Plan2.Core.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>
/// Tick rows name their feed by an 8-byte id, not the ~40-byte "terminal#session" (RowBinary sends a String whole on every
/// row, which cost the ingest about half its rate). The id must resume exactly as the name did, a table that stored names
/// must keep resuming after the upgrade, and no two names may share an id.
/// </summary>
[Collection(ChDbCollection.Name)]
public sealed class ClickHouseFeedIdTests(ChDbFixture engine)
{
    private static readonly long T0 = new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static SequencedTick[] Ticks(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new SequencedTick(new Tick(T0 + i / 3, new Price(100_000 + i), new Price(100_100 + i)), i % 3)).ToArray();

    private static string NewSymbol() => "F" + Guid.NewGuid().ToString("n")[..10].ToUpperInvariant();
    private static string NewDatabase() => "feedid_" + Guid.NewGuid().ToString("n")[..8];

    private async Task<ClickHouseTickStore> OpenAsync(string database)
    {
        var store = new ClickHouseTickStore(engine.ConnectionString(database));
        await store.EnsureSchemaAsync();
        return store;
    }

    [Fact]
    public async Task RowBytes_DoNotGrowWithTheFeedName_AndEndWithItsIdAndPosition()
    {
        var ticks = Ticks(0, 10);
        var longName = "terminal-of-a-desk-with-a-long-name#638700000000000001";

        var none = await BodyAsync(new TickRun("EURUSD", ticks));
        var named = await BodyAsync(new TickRun("EURUSD", ticks, longName, 4242));

        Assert.Equal(none.Length, named.Length);
        var row = named.Length / ticks.Length;
        Assert.Equal(1 + 6 + 44 + 16, row);
        var last = named.AsSpan(named.Length - 16);
        Assert.Equal(FeedIds.Of(longName), BitConverter.ToUInt64(last[..8]));
        Assert.Equal(4242, BitConverter.ToInt64(last[8..]));
        Assert.Equal(0UL, FeedIds.Of(""));
    }

    [Fact]
    public async Task StoredRows_CarryTheEnginesOwnIdOfTheName_NamedOnceInFeedIds_NoNameColumn()
    {
        var database = NewDatabase();
        var (symbol, feed) = (NewSymbol(), "desk-€-" + Guid.NewGuid().ToString("n")[..6] + "#17");
        var inserts = 0;
        engine.Front.Trace = sql => { if (sql.StartsWith("INSERT INTO feed_ids", StringComparison.Ordinal)) Interlocked.Increment(ref inserts); };
        try
        {
            await using var store = await OpenAsync(database);
            for (var i = 0; i < 3; i++)
                await store.AppendManyAsync([new TickRun(symbol, Ticks(i * 10, 10), feed, i * 10 + 10)], [], [new FeedCursor(feed, symbol, i * 10 + 10)]);
            Assert.Equal(30, await store.ReadFeedCursorAsync(feed, symbol));
        }
        finally
        {
            engine.Front.Trace = null;
        }

        Assert.Equal(1, inserts); // once per session, not per batch
        var expected = FeedIds.Of(feed).ToString();
        Assert.Equal(expected, Query($"SELECT DISTINCT feed_id FROM {database}.ticks WHERE symbol = '{symbol}'"));
        Assert.Equal(expected, Query($"SELECT {FeedIds.Sql("'" + feed + "'")}"));
        Assert.Equal($"{expected}\t{feed}", Query($"SELECT feed_id, feed FROM {database}.feed_ids FINAL"));
        Assert.Equal("feed_id\nfeed_seq", Query(
            $"SELECT name FROM system.columns WHERE database = '{database}' AND table = 'ticks' AND name LIKE 'feed%' ORDER BY name"));
    }

    [Fact]
    public async Task ATableThatStoredFeedNames_IsMigrated_ItsFeedsResumeWhereTheirRowsEnd_EveryTickOnce()
    {
        var database = NewDatabase();
        var (symbol, feed, other) = (NewSymbol(), "old-" + Guid.NewGuid().ToString("n")[..6] + "#5", "old-other#1");
        // The ticks table as the stores that wrote feed names made it, holding a feed's 300 ticks whose cursor row never
        // made it (the process died between the two inserts), another feed's rows, and imported rows.
        Run($"CREATE DATABASE {database}");
        Run($"""
            CREATE TABLE {database}.ticks (symbol LowCardinality(String), time DateTime64(3, 'UTC'), seq Int32,
                bid Int64, ask Int64, last Int64, volume Float64,
                feed LowCardinality(String) DEFAULT '', feed_seq Int64 DEFAULT 0, INDEX feeds feed TYPE set(16) GRANULARITY 1)
            ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(time) ORDER BY (symbol, time, seq)
            """);
        Run($"""
            INSERT INTO {database}.ticks SELECT '{symbol}', fromUnixTimestamp64Milli(toInt64({T0} + intDiv(number, 3)), 'UTC'),
                toInt32(number % 3), 100000 + number, 100100 + number, 0, 0, '{feed}', 300 FROM numbers(300)
            """);
        Run($"INSERT INTO {database}.ticks VALUES ('{symbol}', fromUnixTimestamp64Milli({T0 - 5000}, 'UTC'), 0, 1, 2, 0, 0, '{other}', 9)");
        Run($"INSERT INTO {database}.ticks VALUES ('{symbol}', fromUnixTimestamp64Milli({T0 - 9000}, 'UTC'), 0, 1, 2, 0, 0, '', 0)");

        await using (var upgraded = await OpenAsync(database))
        {
            await upgraded.EnsureSchemaAsync(); // again: nothing more happens
            Assert.Equal(300, await upgraded.ReadFeedCursorAsync(feed, symbol));
            Assert.Equal(9, await upgraded.ReadFeedCursorAsync(other, symbol));
            Assert.Equal(0, await upgraded.ReadFeedCursorAsync("old-never#1", symbol));
        }
        Assert.Equal($"{FeedIds.Of(other)}\t{other}\n{FeedIds.Of(feed)}\t{feed}".Split('\n').Order(StringComparer.Ordinal),
            Query($"SELECT feed_id, feed FROM {database}.feed_ids FINAL").Split('\n').Order(StringComparer.Ordinal));
        Assert.Equal("0", Query($"SELECT count() FROM system.data_skipping_indices WHERE database = '{database}' AND name = 'feeds'"));

        // The same session resumes after the restart: from 301, and every tick is stored once.
        await using var restarted = await OpenAsync(database);
        var from = (int)await restarted.ReadFeedCursorAsync(feed, symbol);
        await restarted.AppendManyAsync([new TickRun(symbol, Ticks(from, 510), feed, 810)], [], []); // the cursor's insert lost again
        Assert.Equal(810, await restarted.ReadFeedCursorAsync(feed, symbol));
        var stored = new List<Tick>();
        await foreach (var t in restarted.ReadTicksAsync(symbol, T0, T0 + 10_000)) stored.Add(t);
        Assert.Equal(Ticks(0, 810).Select(t => t.Tick), stored);
    }

    [Fact]
    public async Task AFeedWhoseIdAnotherNameHolds_IsRefused_BeforeAnyOfItsRowsIsStored()
    {
        var database = NewDatabase();
        var (symbol, feed) = (NewSymbol(), "clash-" + Guid.NewGuid().ToString("n")[..6] + "#1");
        await using var store = await OpenAsync(database);
        // A SHA-256 prefix collision cannot be made on purpose: plant the other name under the feed's id instead.
        Run($"INSERT INTO {database}.feed_ids VALUES ({FeedIds.Of(feed)}, 'someone-else#3')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AppendManyAsync([new TickRun(symbol, Ticks(0, 20), feed, 20)], [], [new FeedCursor(feed, symbol, 20)]));

        Assert.Contains("someone-else#3", error.Message);
        Assert.Equal("0", Query($"SELECT count() FROM {database}.ticks WHERE symbol = '{symbol}'"));
        Assert.Equal(0, await store.ReadFeedCursorAsync(feed, symbol));
    }

    private static async Task<byte[]> BodyAsync(TickRun run)
    {
        using var body = new MemoryStream();
        await TickRowBinary.WriteAsync(body, [run], CancellationToken.None);
        return body.ToArray();
    }

    private void Run(string sql) => Query(sql);

    private string Query(string sql)
    {
        using var result = engine.Engine.Query(sql, "TabSeparated").EnsureSuccess();
        return System.Text.Encoding.UTF8.GetString(result.ToArray()).Trim();
    }
}
