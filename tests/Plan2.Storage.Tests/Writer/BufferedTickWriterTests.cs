using Plan2.Core.MarketData;
using Plan2.Storage.DuckDb;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.Writer;

/// <summary>The background writer over the real DuckDB store, with faults injected in front of it.</summary>
public sealed class BufferedTickWriterTests : IAsyncLifetime
{
    private static readonly long T0 = new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private readonly string _dir = Directory.CreateTempSubdirectory("plan2-writer-").FullName;
    private DuckDbTickStore _store = null!;

    public async Task InitializeAsync() => _store = await DuckDbTickStore.OpenAsync(Path.Combine(_dir, "w.duckdb"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static SequencedTick[] Ticks(int from, int count)
    {
        var sequencer = new TickSequencer();
        return Enumerable.Range(from, count).Select(i => sequencer.Next(new Tick(T0 + i, new Price(100_000_000 + i), new Price(100_000_100 + i)))).ToArray();
    }

    private async Task<long> StoredAsync(string symbol)
    {
        long n = 0;
        await foreach (var _ in _store.ReadTicksAsync(symbol, T0, T0 + 1_000_000))
            n++;
        return n;
    }

    [Fact]
    public async Task TransientFailures_AreRetried_AndEveryTickIsStoredOnce()
    {
        var flaky = new FaultyStore(_store, failFirst: 2);
        await using (var writer = new BufferedTickWriter(flaky, retryDelay: TimeSpan.FromMilliseconds(1)))
        {
            for (var i = 0; i < 10; i++)
                await writer.WriteAsync("FLAKY", Ticks(i * 100, 100));
            await writer.FlushAsync();
            Assert.Equal(1000, writer.RowsWritten);
        }

        Assert.Equal(1000, await StoredAsync("FLAKY"));
        Assert.Equal(flaky.Succeeded + 2, flaky.Calls); // the two injected failures were retried
    }

    [Fact]
    public async Task PersistentFailure_IsNeverSilent()
    {
        var broken = new FaultyStore(_store, failFirst: int.MaxValue);
        var writer = new BufferedTickWriter(broken, maxAttempts: 3, retryDelay: TimeSpan.FromMilliseconds(1));
        await writer.WriteAsync("BROKEN", Ticks(0, 100));

        var flush = await Assert.ThrowsAsync<TickStoreWriteException>(() => writer.FlushAsync());
        Assert.Contains("100", flush.Message);
        await Assert.ThrowsAsync<TickStoreWriteException>(() => writer.WriteAsync("BROKEN", Ticks(100, 1)).AsTask());
        await Assert.ThrowsAsync<TickStoreWriteException>(() => writer.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task FullQueue_MakesTheWriterWait()
    {
        var gated = new FaultyStore(_store, failFirst: 0) { Gate = new SemaphoreSlim(0) };
        await using var writer = new BufferedTickWriter(gated, capacityBatches: 2);
        await writer.WriteAsync("SLOW", Ticks(0, 10));   // taken by the loop, blocked in the store
        for (var i = 0; i < 500 && Volatile.Read(ref gated.Calls) == 0; i++)
            await Task.Delay(10);
        await writer.WriteAsync("SLOW", Ticks(10, 10));  // queued
        await writer.WriteAsync("SLOW", Ticks(20, 10));  // queued: the queue is now full

        var fourth = writer.WriteAsync("SLOW", Ticks(30, 10)).AsTask();
        await Task.Delay(200);
        Assert.False(fourth.IsCompleted);

        gated.Gate.Release(100);
        await fourth;
        await writer.FlushAsync();
        Assert.Equal(40, await StoredAsync("SLOW"));
    }

    [Fact]
    public async Task AResentOlderBatch_QueuedBehindANewerOne_IsStoredOnce()
    {
        var gated = new FaultyStore(_store, failFirst: 0) { Gate = new SemaphoreSlim(1) };
        await using var writer = new BufferedTickWriter(gated);
        await writer.WriteAsync("RESENT", Ticks(50, 11));
        await writer.FlushAsync();
        // The store is now closed: a batch of another symbol blocks the writer, so the next two queue up and are taken together.
        await writer.WriteAsync("BLOCKER", Ticks(0, 1));
        for (var i = 0; i < 500 && Volatile.Read(ref gated.Calls) < 2; i++)
            await Task.Delay(10);

        await writer.WriteAsync("RESENT", Ticks(100, 101));
        await writer.WriteAsync("RESENT", Ticks(50, 11)); // a feed resending what it already sent
        gated.Gate.Release(100);
        await writer.FlushAsync();

        Assert.Equal(11 + 101, await StoredAsync("RESENT"));
    }

    /// <summary>The real store behind a fault injector: fails its first N appends, optionally waits on a gate.</summary>
    private sealed class FaultyStore(ITickStore inner, int failFirst) : ITickStore
    {
        private int _failures;
        public int Calls;
        public int Succeeded;
        public SemaphoreSlim? Gate { get; init; }
        public string Engine => inner.Engine;

        public async Task<int> AppendTicksAsync(string symbol, ReadOnlyMemory<SequencedTick> ticks, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Calls);
            if (Gate is not null) await Gate.WaitAsync(ct);
            if (_failures++ < failFirst) throw new IOException("injected failure");
            var written = await inner.AppendTicksAsync(symbol, ticks, ct);
            Interlocked.Increment(ref Succeeded);
            return written;
        }

        public Task EnsureSchemaAsync(CancellationToken ct = default) => inner.EnsureSchemaAsync(ct);
        public Task<int> AppendCandlesAsync(string symbol, Timeframe timeframe, ReadOnlyMemory<Candle> candles, CancellationToken ct = default) => inner.AppendCandlesAsync(symbol, timeframe, candles, ct);
        public IAsyncEnumerable<Tick> ReadTicksAsync(string symbol, long fromMs, long toMs, CancellationToken ct = default) => inner.ReadTicksAsync(symbol, fromMs, toMs, ct);
        public IAsyncEnumerable<Candle> ReadCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, CancellationToken ct = default) => inner.ReadCandlesAsync(symbol, timeframe, fromMs, toMs, ct);
        public Task<IReadOnlyList<Candle>> AggregateCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, CancellationToken ct = default) => inner.AggregateCandlesAsync(symbol, timeframe, fromMs, toMs, ct);
        public Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default) => inner.ListSeriesAsync(ct);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
