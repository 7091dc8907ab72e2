using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.Conformance;

/// <summary>
/// What every tick store must do. Each engine's test class derives from this and supplies a fresh,
/// empty store; every test uses symbols of its own.
/// </summary>
public abstract partial class TickStoreConformance
{
    protected abstract Task<ITickStore> CreateStoreAsync();

    protected static readonly long T0 = new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    protected static string NewSymbol() => "S" + Guid.NewGuid().ToString("n")[..10].ToUpperInvariant();

    protected static Price P(string text) => Price.Parse(text);

    protected static SequencedTick[] Sequence(params Tick[] ticks)
    {
        var sequencer = new TickSequencer();
        return ticks.Select(t => sequencer.Next(t)).ToArray();
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
            list.Add(item);
        return list;
    }

    [Fact]
    public async Task Ticks_AppendedThenRead_AreIdenticalAndExact()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        Tick[] ticks =
        [
            new(T0, P("1.23456789"), P("1.23456799")),
            new(T0 + 1, P("1.2"), P("1.20001"), P("1.20000500"), 2.5),
            new(T0 + 60_000, P("99999.12345678"), P("99999.22345678")),
        ];

        var written = await store.AppendTicksAsync(symbol, Sequence(ticks));
        var read = await ToListAsync(store.ReadTicksAsync(symbol, T0, T0 + 3_600_000));

        Assert.Equal(3, written);
        Assert.Equal(ticks, read);
    }

    [Fact]
    public async Task Ticks_RangeIncludesFromAndExcludesTo()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        await store.AppendTicksAsync(symbol, Sequence(
            new Tick(T0, P("1.1"), P("1.2")), new Tick(T0 + 10, P("1.1"), P("1.2")), new Tick(T0 + 20, P("1.1"), P("1.2"))));

        var read = await ToListAsync(store.ReadTicksAsync(symbol, T0 + 10, T0 + 20));

        Assert.Equal([T0 + 10], read.Select(t => t.TimeMs));
    }

    [Fact]
    public async Task Ticks_SharingAMillisecond_AreAllKeptInOrder()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        Tick[] ticks = [new(T0, P("1.1"), P("1.2")), new(T0, P("1.11"), P("1.2")), new(T0, P("1.12"), P("1.2"))];

        await store.AppendTicksAsync(symbol, Sequence(ticks));

        Assert.Equal(ticks, await ToListAsync(store.ReadTicksAsync(symbol, T0, T0 + 1)));
    }

    [Fact]
    public async Task Ticks_AppendedTwice_AreStoredOnce()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        var ticks = Sequence(Enumerable.Range(0, 100).Select(i => new Tick(T0 + i / 3, P("1.1"), P("1.2"))).ToArray());

        await store.AppendTicksAsync(symbol, ticks);
        await store.AppendTicksAsync(symbol, ticks);

        Assert.Equal(100, (await ToListAsync(store.ReadTicksAsync(symbol, T0, T0 + 1_000))).Count);
        var series = Assert.Single(await store.ListSeriesAsync(), s => s.Symbol == symbol);
        Assert.Equal(100, series.Rows);
    }

    [Fact]
    public async Task Ticks_OfOtherSymbols_DoNotLeakIn()
    {
        await using var store = await CreateStoreAsync();
        var (a, b) = (NewSymbol(), NewSymbol());
        await store.AppendTicksAsync(a, Sequence(new Tick(T0, P("1.1"), P("1.2"))));
        await store.AppendTicksAsync(b, Sequence(new Tick(T0, P("2.1"), P("2.2"))));

        var read = await ToListAsync(store.ReadTicksAsync(a, T0, T0 + 1));

        Assert.Equal(P("1.1"), Assert.Single(read).Bid);
    }

    [Fact]
    public async Task Symbol_WithQuotesAndSql_IsStoredLiterally()
    {
        await using var store = await CreateStoreAsync();
        var symbol = "X'); DROP TABLE ticks; --" + Guid.NewGuid().ToString("n")[..4];

        await store.AppendTicksAsync(symbol, Sequence(new Tick(T0, P("1.1"), P("1.2"))));

        Assert.Single(await ToListAsync(store.ReadTicksAsync(symbol, T0, T0 + 1)));
        Assert.Contains(await store.ListSeriesAsync(), s => s.Symbol == symbol);
    }

    [Fact]
    public async Task ManyTicks_InOneAppend_AllArrive()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        var ticks = Sequence(Enumerable.Range(0, 250_000)
            .Select(i => new Tick(T0 + i * 7L, new Price(100_000_000 + i), new Price(100_000_100 + i))).ToArray());

        Assert.Equal(ticks.Length, await store.AppendTicksAsync(symbol, ticks));

        var series = Assert.Single(await store.ListSeriesAsync(), s => s.Symbol == symbol && s.Timeframe is null);
        Assert.Equal((250_000L, T0, T0 + 249_999 * 7L), (series.Rows, series.FirstMs, series.LastMs));
    }

    [Fact]
    public async Task Candles_AppendedThenRead_AndReplacedOnSecondAppend()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        Candle first = new(T0, P("1.1"), P("1.3"), P("1.05"), P("1.2"), 10, 1.5);
        Candle second = new(T0 + 60_000, P("1.2"), P("1.25"), P("1.15"), P("1.22"), 4, 0);

        await store.AppendCandlesAsync(symbol, Timeframe.M1, new[] { first, second });
        var corrected = second with { Close = P("1.23"), High = P("1.26") };
        await store.AppendCandlesAsync(symbol, Timeframe.M1, new[] { corrected });

        var read = await ToListAsync(store.ReadCandlesAsync(symbol, Timeframe.M1, T0, T0 + 120_000));
        Assert.Equal([first, corrected], read);
        Assert.Empty(await ToListAsync(store.ReadCandlesAsync(symbol, Timeframe.M5, T0, T0 + 120_000)));
    }

    [Fact]
    public async Task AggregateCandles_FromTicks_UseBidAndUtcBuckets()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        await store.AppendTicksAsync(symbol, Sequence(
            new Tick(T0 + 1_000, P("1.10"), P("1.20")),
            new Tick(T0 + 2_000, P("1.15"), P("1.25")),
            new Tick(T0 + 2_000, P("1.05"), P("1.15")),
            new Tick(T0 + 59_999, P("1.12"), P("1.22")),
            new Tick(T0 + 60_000, P("1.13"), P("1.23"))));

        var candles = await store.AggregateCandlesAsync(symbol, Timeframe.M1, T0, T0 + 120_000);

        Assert.Equal(
            [new Candle(T0, P("1.10"), P("1.15"), P("1.05"), P("1.12"), 4), new Candle(T0 + 60_000, P("1.13"), P("1.13"), P("1.13"), P("1.13"), 1)],
            candles);
    }

    [Fact]
    public async Task ListSeries_ReportsTicksAndEachCandleTimeframe()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        await store.AppendTicksAsync(symbol, Sequence(new Tick(T0, P("1.1"), P("1.2")), new Tick(T0 + 5, P("1.1"), P("1.2"))));
        await store.AppendCandlesAsync(symbol, Timeframe.H1, new[] { new Candle(T0, P("1"), P("2"), P("1"), P("2")) });

        var mine = (await store.ListSeriesAsync()).Where(s => s.Symbol == symbol).OrderBy(s => s.Timeframe).ToList();

        Assert.Equal(
            [new SeriesInfo(symbol, null, 2, T0, T0 + 5), new SeriesInfo(symbol, Timeframe.H1, 1, T0, T0)],
            mine);
    }

    [Fact]
    public async Task EnsureSchema_Again_KeepsData()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        await store.AppendTicksAsync(symbol, Sequence(new Tick(T0, P("1.1"), P("1.2"))));

        await store.EnsureSchemaAsync();

        Assert.Single(await ToListAsync(store.ReadTicksAsync(symbol, T0, T0 + 1)));
    }
}
