using System.Buffers;
using System.Threading.Channels;
using Plan2.Core.MarketData;

namespace Plan2.Storage.Ticks;

/// <summary>
/// Writes ticks to a store in the background so a live feed does not wait on the database (up to
/// 512 queued batches, about two seconds of a 1M-ticks/s feed), with
/// three promises: bounded memory (a full queue makes <see cref="WriteAsync"/> wait: backpressure),
/// retries of a failed write (the store's replace-on-append makes a retry safe), and no silent loss
/// (a write that keeps failing faults the writer, and every later call and <see cref="FlushAsync"/>
/// throw with the number of rows not stored).
/// </summary>
public sealed class BufferedTickWriter : IAsyncDisposable
{
    private readonly ITickStore _store;
    private readonly Channel<Batch> _queue;
    private readonly Task _loop;
    private readonly int _maxAttempts;
    private readonly TimeSpan _retryDelay;
    private readonly IFeedDurability? _durability;
    private long _enqueued;
    private long _written;
    private volatile Exception? _fault;

    public BufferedTickWriter(ITickStore store, int capacityBatches = 512, int maxAttempts = 5, TimeSpan? retryDelay = null,
        IFeedDurability? durability = null)
    {
        _store = store;
        _durability = durability;
        _maxAttempts = maxAttempts;
        _retryDelay = retryDelay ?? TimeSpan.FromMilliseconds(200);
        _queue = Channel.CreateBounded<Batch>(new BoundedChannelOptions(capacityBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    public long RowsEnqueued => Interlocked.Read(ref _enqueued);
    public long RowsWritten => Interlocked.Read(ref _written);
    public long RowsPending => RowsEnqueued - RowsWritten;

    /// <summary>
    /// Arrays for <see cref="WriteAsync(string, SequencedTick[], int, FeedCursor?, CancellationToken)"/>: a live batch of 4096
    /// ticks is 196 KiB, above the large-object threshold, so a fresh array per batch fed full collections (measured as the
    /// ingest figures' swings). Rented here, returned by the writer once stored. Enough for the queue's worth.
    /// </summary>
    public static ArrayPool<SequencedTick> Pool { get; } = ArrayPool<SequencedTick>.Create(1 << 20, 1024);

    /// <summary>Queues ticks of one symbol (already sequenced); waits while the queue is full.</summary>
    public ValueTask WriteAsync(string symbol, SequencedTick[] ticks, CancellationToken ct = default) => WriteAsync(symbol, ticks, null, ct);

    /// <summary>As below, for the first <paramref name="count"/> ticks of an array rented from <see cref="Pool"/>: the writer returns it.</summary>
    public ValueTask WriteAsync(string symbol, SequencedTick[] pooled, int count, FeedCursor? cursor, CancellationToken ct = default) =>
        EnqueueAsync(new Batch(symbol, pooled, null, null, cursor) { Count = count, Pooled = true }, ct);

    /// <summary>
    /// Queues ticks of one symbol and, when given, the feed cursor they bring the store to: it is stored in the same
    /// commit and then reported to <see cref="IFeedDurability"/>. A cursor may come with no ticks (all were refused).
    /// </summary>
    public ValueTask WriteAsync(string symbol, SequencedTick[] ticks, FeedCursor? cursor, CancellationToken ct = default) =>
        EnqueueAsync(new Batch(symbol, ticks, null, null, cursor) { Count = ticks.Length }, ct);

    private async ValueTask EnqueueAsync(Batch batch, CancellationToken ct)
    {
        if (_fault is not null || (batch.Count == 0 && batch.Cursor is null))
        {
            Release(batch);
            ThrowIfFaulted();
            return;
        }
        try
        {
            if (!_queue.Writer.TryWrite(batch))
                await _queue.Writer.WriteAsync(batch, ct);
        }
        catch (ChannelClosedException)
        {
            Release(batch);
            ThrowIfFaulted();
            throw new ObjectDisposedException(nameof(BufferedTickWriter));
        }
        Interlocked.Add(ref _enqueued, batch.Count);
    }

    private static void Release(Batch batch)
    {
        if (batch.Pooled && batch.Ticks is { Length: > 0 } ticks)
            Pool.Return(ticks);
    }

    /// <summary>Queues closed candles; same promises as ticks.</summary>
    public async ValueTask WriteCandlesAsync(string symbol, Timeframe timeframe, Candle[] candles, CancellationToken ct = default)
    {
        ThrowIfFaulted();
        if (candles.Length == 0) return;
        try
        {
            await _queue.Writer.WriteAsync(new Batch(symbol, null, (timeframe, candles), null, null), ct);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            throw new ObjectDisposedException(nameof(BufferedTickWriter));
        }
    }

    /// <summary>Returns when everything queued before the call is stored; throws if any of it could not be.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Batch("", null, null, marker, null), ct);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            return;
        }
        await marker.Task.WaitAsync(ct);
        ThrowIfFaulted();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        ThrowIfFaulted();
    }

    /// <summary>
    /// Takes whatever is queued (up to <see cref="MaxRowsPerWrite"/> rows) and writes it in one go: a feed sends
    /// many small batches, and a store is far faster with few large writes. Runs on its own task, so the feed
    /// keeps ingesting while a write is under way.
    /// </summary>
    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var taken = new List<Batch>();
        while (await reader.WaitToReadAsync())
        {
            taken.Clear();
            var rows = 0;
            while (rows < MaxRowsPerWrite && reader.TryRead(out var batch))
            {
                taken.Add(batch);
                rows += batch.Ticks is not null ? batch.Count : batch.Candles?.Item2.Length ?? 0;
            }
            if (_fault is null)
            {
                try
                {
                    await WriteCoalescedAsync(taken);
                }
                catch (Exception e)
                {
                    _fault = new TickStoreWriteException(
                        $"The {_store.Engine} tick store kept failing ({_maxAttempts} attempts); {RowsPending:N0} queued ticks are not stored.", e);
                    _queue.Writer.TryComplete();
                    _durability?.Faulted(_fault);
                }
            }
            foreach (var batch in taken)
            {
                Release(batch); // stored or given up: the store holds no reference to it after the append
                batch.Done?.TrySetResult();
            }
        }
    }

    public const int MaxRowsPerWrite = 1_000_000;

    /// <summary>
    /// Everything taken as one <see cref="ITickStore.AppendManyAsync"/>: one transaction, or one insert per table,
    /// instead of one per symbol and timeframe (each insert costs ClickHouse a part and an fsync). Each queued batch
    /// stays a run of its own, in queue order per symbol, so nothing is copied again; a store replaces a run's
    /// (time, seq) range when it starts at or before what it already holds, so a resent batch is stored once.
    /// </summary>
    private async Task WriteCoalescedAsync(List<Batch> batches)
    {
        var ticks = batches.Where(b => b.Ticks is not null && b.Count > 0).GroupBy(b => b.Symbol, StringComparer.Ordinal)
            .SelectMany(g => g.Select(b => new TickRun(g.Key, b.Ticks.AsMemory(0, b.Count), b.Cursor?.Feed ?? "", b.Cursor?.Through ?? 0)))
            .ToList();
        // The furthest cursor per feed and symbol: it covers every earlier batch of that feed taken here.
        var cursors = batches.Where(b => b.Cursor is not null).Select(b => b.Cursor!.Value)
            .GroupBy(c => (c.Feed, c.Symbol)).Select(g => g.MaxBy(c => c.Through))
            .ToList();
        var candles = batches.Where(b => b.Candles is not null)
            .GroupBy(b => (b.Symbol, b.Candles!.Value.Item1))
            .Select(g => new CandleRun(g.Key.Symbol, g.Key.Item2, g.SelectMany(b => b.Candles!.Value.Item2).ToArray()))
            .ToList();
        if (ticks.Count == 0 && candles.Count == 0 && cursors.Count == 0)
            return;
        await WithRetriesAsync(() => cursors.Count == 0 ? _store.AppendManyAsync(ticks, candles) : _store.AppendManyAsync(ticks, candles, cursors));
        Interlocked.Add(ref _written, ticks.Sum(r => (long)r.Ticks.Length));
        if (cursors.Count > 0)
            _durability?.Stored(cursors);
    }

    private async Task WithRetriesAsync(Func<Task> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception) when (attempt < _maxAttempts)
            {
                await Task.Delay(_retryDelay * attempt);
            }
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is not null)
            throw _fault;
    }

    /// <summary>Ticks, candles, or (both null) a flush marker whose Done completes once everything before it is written.</summary>
    private sealed record Batch(string Symbol, SequencedTick[]? Ticks, (Timeframe, Candle[])? Candles, TaskCompletionSource? Done, FeedCursor? Cursor)
    {
        public int Count { get; init; }
        public bool Pooled { get; init; }
    }
}

/// <summary>Ticks that were accepted for writing could not be stored.</summary>
public sealed class TickStoreWriteException(string message, Exception inner) : Exception(message, inner);
