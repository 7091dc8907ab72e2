using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Core.MarketData;
using Plan2.Grains.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.DuckDb;
using Plan2.Storage.Ticks;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// The silo's tick store and its background writer: ClickHouse when ConnectionStrings:ClickHouse is
/// set, otherwise the embedded DuckDB file under Plan2:DataDir. Opened before the silo starts,
/// flushed when it stops. Grains record through it (<see cref="ITickRecorder"/>)
/// and a new instrument activation reads its recent history back (<see cref="IInstrumentHistory"/>).
/// </summary>
public sealed class TickStoreService(MarketDataOptions options, ILogger<TickStoreService> logger) : IHostedService, ITickRecorder, IInstrumentHistory
{
    private readonly ConcurrentDictionary<string, TickSequencer> _sequencers = new(StringComparer.Ordinal);
    private readonly FeedDurability _durability = new();
    // Per terminal ("name#"): its current session and the retiring of the earlier ones. Bounded by the terminals.
    private readonly Dictionary<string, (string Feed, Task Retired)> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _replacedSessions = new(StringComparer.Ordinal); // one name per EA restart: small
    private ITickStore? _store;
    private BufferedTickWriter? _writer;

    public ITickStore Store => _store ?? throw new InvalidOperationException("The tick store is not open yet.");
    public BufferedTickWriter Writer => _writer ?? throw new InvalidOperationException("The tick store is not open yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ClickHouse is { Length: > 0 } clickHouse)
        {
            var store = new ClickHouseTickStore(clickHouse);
            await store.EnsureSchemaAsync(cancellationToken);
            _store = store;
            logger.LogInformation("Tick store: ClickHouse");
        }
        else
        {
            var path = Path.Combine(options.DataDir, "market.duckdb");
            _store = await DuckDbTickStore.OpenAsync(path, cancellationToken);
            logger.LogInformation("Tick store: DuckDB at {Path}", path);
        }
        _writer = new BufferedTickWriter(_store, durability: _durability);
        _ = Task.Run(() => WarmUpReadsAsync(CancellationToken.None), CancellationToken.None); // never delays the start
    }

    /// <summary>
    /// Runs the reads of an instrument activation (<see cref="ReadRecentAsync"/>) once as the silo starts, over a short
    /// span and without touching any sequencer: a silo's first activations come when another silo died and its
    /// instruments move here, while every order waits on their quotes, and the first read in a process paid for opening
    /// the store's connections and compiling the read path. Returns how many reads ran (a test tells that it did).
    /// </summary>
    public async Task<int> WarmUpReadsAsync(CancellationToken ct)
    {
        try
        {
            await Writer.FlushAsync(ct);
            var series = await Store.ListSeriesAsync(ct);
            var ticks = series.FirstOrDefault(s => s.Timeframe is null);
            var (symbol, end) = ticks is null ? ("EURUSD", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) : (ticks.Symbol, ticks.LastMs + 1);
            var reads = 1;
            foreach (var tf in TimeframeExtensions.All)
            {
                await foreach (var _ in Store.ReadCandlesAsync(symbol, tf, end - 3 * tf.Milliseconds(), end, ct)) { }
                reads++;
            }
            await foreach (var _ in Store.ReadTicksAsync(symbol, end - Timeframe.M1.Milliseconds(), end, ct)) { }
            return reads + 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The tick store read warm-up failed; the first instrument activation will pay for it instead");
            return 0;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
            await _writer.DisposeAsync();
        if (_store is not null)
            await _store.DisposeAsync();
    }

    public ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks) => Writer.WriteAsync(symbol, Sequence(symbol, ticks));

    public ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks, string feed, long feedThrough)
    {
        var pooled = ticks.Count == 0 ? [] : BufferedTickWriter.Pool.Rent(ticks.Count);
        Sequence(symbol, ticks, pooled);
        return Writer.WriteAsync(symbol, pooled, ticks.Count, new FeedCursor(feed, symbol, feedThrough));
    }

    public async Task<long> FeedPositionAsync(string symbol, string feed)
    {
        var known = _durability.Stored(feed, symbol);
        if (known > 0)
            return known;
        await RetireOtherSessionsAsync(feed);
        var stored = await Store.ReadFeedCursorAsync(feed, symbol);
        _durability.Known(feed, symbol, stored);
        return stored;
    }

    /// <summary>
    /// The first time a terminal's session is asked about here, its earlier sessions are retired, in memory and in the
    /// store: their cursors would otherwise pile up with every EA restart. Once per session and process, not per symbol.
    /// </summary>
    private async Task RetireOtherSessionsAsync(string feed)
    {
        var terminal = FeedName.TerminalPrefix(feed);
        Task retiring;
        lock (_sessions)
        {
            if (_sessions.TryGetValue(terminal, out var current) && current.Feed == feed)
                retiring = current.Retired;
            else if (_replacedSessions.Contains(feed))
                return; // a late word from a session a newer one replaced: it must not retire the newer one
            else
            {
                if (current.Feed is { } replaced)
                    _replacedSessions.Add(replaced);
                _durability.RetireOtherSessions(feed);
                retiring = Store.RetireOtherSessionsAsync(feed);
                _sessions[terminal] = (feed, retiring);
            }
        }
        try
        {
            await retiring;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only tidiness failed: the position is still read right. The next session tries again.
            logger.LogWarning(e, "Could not drop the earlier sessions' feed cursors of {Terminal}", terminal);
        }
    }

    public Task<long> WhenFeedStoredAsync(string symbol, string feed, long through) => _durability.WhenStoredAsync(feed, symbol, through);

    private SequencedTick[] Sequence(string symbol, IReadOnlyList<Tick> ticks)
    {
        var batch = new SequencedTick[ticks.Count];
        Sequence(symbol, ticks, batch);
        return batch;
    }

    /// <summary>The one copy on the way to the store: the writer keeps the array until it is written.</summary>
    private void Sequence(string symbol, IReadOnlyList<Tick> ticks, SequencedTick[] into)
    {
        if (ticks.Count == 0)
            return;
        var sequencer = _sequencers.GetOrAdd(symbol, _ => new TickSequencer());
        var source = ticks is List<Tick> list ? CollectionsMarshal.AsSpan(list) : ticks.ToArray();
        lock (sequencer)
            for (var i = 0; i < source.Length; i++)
                into[i] = sequencer.Next(source[i]);
    }

    public ValueTask RecordBarsAsync(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles) =>
        Writer.WriteCandlesAsync(symbol, timeframe, [.. candles]);

    public async Task<StoredHistory> ReadRecentAsync(string symbol, int barsPerTimeframe, CancellationToken ct = default)
    {
        // Writes an earlier activation on this silo queued must be readable; a dead silo's queue is lost with it.
        await Writer.FlushAsync(ct);
        var ticks = (await Store.ListSeriesAsync(ct)).FirstOrDefault(s => s.Timeframe is null && s.Symbol == symbol);
        if (ticks is null)
            return StoredHistory.Empty;
        var end = ticks.LastMs + 1;
        var bars = new Dictionary<Timeframe, IReadOnlyList<Candle>>();
        foreach (var tf in TimeframeExtensions.All)
        {
            // Three times the span, so that weekends and quiet hours still leave enough bars.
            var list = new List<Candle>();
            await foreach (var candle in Store.ReadCandlesAsync(symbol, tf, end - 3L * barsPerTimeframe * tf.Milliseconds(), end, ct))
                list.Add(candle);
            bars[tf] = list.Count > barsPerTimeframe ? list[^barsPerTimeframe..] : list;
        }
        var m1 = bars[Timeframe.M1];
        var since = m1.Count > 0 ? m1[^1].OpenTimeMs + Timeframe.M1.Milliseconds() : Timeframe.M1.BucketStart(ticks.LastMs);
        var inProgress = new List<Tick>();
        await foreach (var tick in Store.ReadTicksAsync(symbol, since, end, ct))
            inProgress.Add(tick);
        ContinueSequence(symbol, inProgress);
        return new StoredHistory(bars, inProgress);
    }

    /// <summary>
    /// A new activation (perhaps on a new process after a crash) numbers the ticks of the last stored millisecond on from
    /// those stored: starting again at 0 would give a new tick the key (symbol, time, seq) of a stored one, which replaces it.
    /// </summary>
    private void ContinueSequence(string symbol, List<Tick> stored)
    {
        if (stored.Count == 0)
            return;
        // Read in (time, seq) order with every tick of that millisecond: the last one's seq is their count - 1.
        var last = stored[^1].TimeMs;
        var sequencer = _sequencers.GetOrAdd(symbol, _ => new TickSequencer());
        lock (sequencer)
            sequencer.Resume(last, stored.Count - stored.FindIndex(t => t.TimeMs == last) - 1);
    }

    public async Task<Tick?> ReadQuoteBeforeAsync(string symbol, long beforeMs, CancellationToken ct = default)
    {
        await Writer.FlushAsync(ct);
        // Back a step at a time (an hour, then a day at a time for a week: a weekend or a holiday), so that a
        // busy symbol is read for the last hour only, not for the whole week.
        long end = beforeMs, start = beforeMs - HourMs;
        while (end > beforeMs - QuoteLookBackMs)
        {
            Tick? last = null;
            await foreach (var tick in Store.ReadTicksAsync(symbol, start, end, ct))
                last = tick;
            if (last is not null)
                return last;
            end = start;
            start = Math.Max(end - DayMs, beforeMs - QuoteLookBackMs);
        }
        return null;
    }

    private const long HourMs = 3_600_000, DayMs = 24 * HourMs, QuoteLookBackMs = 7 * DayMs;
}
