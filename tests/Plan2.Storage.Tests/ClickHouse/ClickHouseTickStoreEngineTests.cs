using ClickHouse.Driver;
using Plan2.Core.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

using Plan2.ClickHouseFront;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>What the ClickHouse store promises beyond the conformance suite: batching, refusals surface,
/// and the bulk path a benchmark compares against stays correct.</summary>
[Collection(ChDbCollection.Name)]
public sealed class ClickHouseTickStoreEngineTests(ChDbFixture engine)
{
    private static readonly long T0 = new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static SequencedTick[] Ticks(int count) =>
        Enumerable.Range(0, count).Select(i => new SequencedTick(new Tick(T0 + i / 2, new Price(100_000 + i), new Price(100_100 + i)), i % 2)).ToArray();

    private static string NewSymbol() => "E" + Guid.NewGuid().ToString("n")[..10];

    private static async Task<List<Tick>> ReadAllAsync(ITickStore store, string symbol)
    {
        var list = new List<Tick>();
        await foreach (var t in store.ReadTicksAsync(symbol, long.MinValue / 2, long.MaxValue / 2)) list.Add(t);
        return list;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_InSmallBatches_WithAndWithoutCompression_AllArriveInOrder(bool compression)
    {
        await using var store = new ClickHouseTickStore(engine.ConnectionString() + $";Compression={compression}", batchSize: 1_000);
        await store.EnsureSchemaAsync();
        var symbol = NewSymbol();
        var ticks = Ticks(2_500);

        Assert.Equal(2_500, await store.AppendTicksAsync(symbol, ticks));

        Assert.Equal(ticks.Select(t => t.Tick), await ReadAllAsync(store, symbol));
    }

    [Fact]
    public async Task Append_WhenTheServerRefuses_Throws()
    {
        // A database that was never created: the server refuses the insert, and the store must not swallow it.
        await using var store = new ClickHouseTickStore(engine.ConnectionString(database: "missing_" + Guid.NewGuid().ToString("n")[..8]));

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => store.AppendTicksAsync(NewSymbol(), Ticks(10)));
        // The whole refusal when it is another (one full run of the suite on 2026-12-05 saw another HTTP 500 body, cut off in
        // the report; the test alone and its collection passed eleven times after).
        Assert.True(error.Message.Contains("UNKNOWN_DATABASE", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void FailedEngineQueries_AlwaysGiveTheEnginesOwnError()
    {
        // The engine leaves a failed query's elapsed time unset: read as a duration, it overflowed TimeSpan about one time
        // in fifty, and the front answered an empty HTTP 500 instead of the refusal (the test above failed so in 2 of ~100 runs).
        for (var i = 0; i < 500; i++)
        {
            var error = Assert.Throws<ChDbException>(() =>
            {
                using var result = engine.Engine.Query("USE missing_database_of_this_test").EnsureSuccess();
            });
            Assert.Contains("UNKNOWN_DATABASE", error.Message);
        }
    }

    [Fact]
    public async Task EngineBulkPath_WritesRowsTheStoreReadsBack()
    {
        await using var store = new ClickHouseTickStore(engine.ConnectionString());
        await store.EnsureSchemaAsync();
        var symbol = NewSymbol();
        var ticks = Ticks(5_000);

        var written = ChDbBulk.InsertTicks(engine.Engine, "plan2", symbol, ticks, Path.GetTempPath());

        Assert.Equal(5_000, written);
        Assert.Equal(ticks.Select(t => t.Tick), await ReadAllAsync(store, symbol));
    }

    [Fact]
    public async Task Symbol_WithBackslashTabAndNonAscii_IsWrittenAndFoundAgain()
    {
        // Written as raw RowBinary bytes, looked up through an escaped URL parameter: both must agree.
        await using var store = new ClickHouseTickStore(engine.ConnectionString());
        await store.EnsureSchemaAsync();
        var symbol = "a\\b\tc\nd€" + NewSymbol();

        await store.AppendTicksAsync(symbol, Ticks(3));

        Assert.Equal(3, (await ReadAllAsync(store, symbol)).Count);
        Assert.Contains(await store.ListSeriesAsync(), s => s.Symbol == symbol);
    }

    [Fact]
    public async Task AggregateCandles_OpenAndClose_FollowSeqNotArrivalOrder()
    {
        await using var store = new ClickHouseTickStore(engine.ConnectionString());
        await store.EnsureSchemaAsync();
        var symbol = NewSymbol();
        // One millisecond, appended out of seq order: open is seq 0, close is seq 2, whatever came first.
        SequencedTick At(int seq, long bid) => new(new Tick(T0 + 5, new Price(bid), new Price(bid + 10)), seq);
        await store.AppendTicksAsync(symbol, new[] { At(2, 300), At(0, 100), At(1, 200) });

        var candle = Assert.Single(await store.AggregateCandlesAsync(symbol, Timeframe.M1, T0, T0 + 60_000));

        Assert.Equal(new Candle(T0, new Price(100), new Price(300), new Price(100), new Price(300), 3), candle);
    }

    [Theory]
    [InlineData(Timeframe.H1)]
    [InlineData(Timeframe.D1)]
    public async Task AggregateCandles_BucketsStartOnUtcBoundaries(Timeframe timeframe)
    {
        await using var store = new ClickHouseTickStore(engine.ConnectionString());
        await store.EnsureSchemaAsync();
        var symbol = NewSymbol();
        var midnight = T0 + 86_400_000; // T0 is itself a UTC midnight
        var ticks = new[] { midnight - 1, midnight, midnight + 3_600_000 }
            .Select((ms, i) => new SequencedTick(new Tick(ms, new Price(100 + i), new Price(200)), 0)).ToArray();
        await store.AppendTicksAsync(symbol, ticks);

        var candles = await store.AggregateCandlesAsync(symbol, timeframe, T0, midnight + 86_400_000);

        var expected = ticks.Select(t => timeframe.BucketStart(t.Tick.TimeMs)).Distinct();
        Assert.Equal(expected, candles.Select(c => c.OpenTimeMs));
    }
}
