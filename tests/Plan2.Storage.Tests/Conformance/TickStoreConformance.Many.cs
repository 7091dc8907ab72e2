using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.Conformance;

/// <summary>AppendManyAsync, the live writer's path: several series in one write, same contract as one by one.</summary>
public abstract partial class TickStoreConformance
{
    private static SequencedTick[] Walk(int from, int count) =>
        Sequence(Enumerable.Range(from, count).Select(i => new Tick(T0 + i / 2, new Price(100_000_000 + i), new Price(100_000_500 + i))).ToArray());

    [Fact]
    public async Task AppendMany_SeveralSymbolsAndTimeframes_AreEachStoredExactly()
    {
        await using var store = await CreateStoreAsync();
        var (a, b) = (NewSymbol(), NewSymbol());
        var ticksA = Walk(0, 5_000);
        var ticksB = Walk(0, 3);
        Candle m1 = new(T0, P("1.1"), P("1.3"), P("1.05"), P("1.2"), 10, 1.5);
        Candle h1 = new(T0, P("1.1"), P("1.4"), P("1.0"), P("1.3"), 600);

        await store.AppendManyAsync(
            [new TickRun(a, ticksA.AsMemory(0, 2_000)), new TickRun(b, ticksB), new TickRun(a, ticksA.AsMemory(2_000))],
            [new CandleRun(a, Timeframe.M1, new[] { m1 }), new CandleRun(b, Timeframe.H1, new[] { h1 })]);

        Assert.Equal(ticksA.Select(t => t.Tick), await ToListAsync(store.ReadTicksAsync(a, T0, T0 + 10_000)));
        Assert.Equal(ticksB.Select(t => t.Tick), await ToListAsync(store.ReadTicksAsync(b, T0, T0 + 10_000)));
        Assert.Equal([m1], await ToListAsync(store.ReadCandlesAsync(a, Timeframe.M1, T0, T0 + 60_000)));
        Assert.Equal([h1], await ToListAsync(store.ReadCandlesAsync(b, Timeframe.H1, T0, T0 + 60_000)));
        Assert.Empty(await ToListAsync(store.ReadCandlesAsync(a, Timeframe.H1, T0, T0 + 60_000)));
    }

    [Fact]
    public async Task AppendMany_AResentRunBehindANewerOne_IsStoredOnce()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        var ticks = Walk(0, 300);
        await store.AppendTicksAsync(symbol, ticks.AsMemory(0, 100));

        // A feed that resent [50, 100) after [100, 200), and then overlapped [150, 300): all in one write.
        await store.AppendManyAsync(
            [new TickRun(symbol, ticks.AsMemory(100, 100)), new TickRun(symbol, ticks.AsMemory(50, 50)), new TickRun(symbol, ticks.AsMemory(150))],
            []);

        Assert.Equal(ticks.Select(t => t.Tick), await ToListAsync(store.ReadTicksAsync(symbol, T0, T0 + 1_000)));
        var series = Assert.Single(await store.ListSeriesAsync(), s => s.Symbol == symbol && s.Timeframe is null);
        Assert.Equal(300, series.Rows);
    }

    [Fact]
    public async Task AppendMany_TheSameWriteTwice_IsStoredOnce()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        var ticks = Walk(0, 1_000);
        TickRun[] runs = [new(symbol, ticks.AsMemory(0, 400)), new(symbol, ticks.AsMemory(400))];
        CandleRun[] candles = [new(symbol, Timeframe.M1, new[] { new Candle(T0, P("1"), P("2"), P("1"), P("2"), 1_000) })];

        await store.AppendManyAsync(runs, candles);
        await store.AppendManyAsync(runs, candles); // a writer retrying after a failure it could not see the end of

        var series = (await store.ListSeriesAsync()).Where(s => s.Symbol == symbol).OrderBy(s => s.Timeframe).ToList();
        Assert.Equal([1_000L, 1L], series.Select(s => s.Rows));
    }
}
