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
    private long _enqueued;
    private long _written;
    private volatile Exception? _fault;

    public BufferedTickWriter(ITickStore store, int capacityBatches = 512, int maxAttempts = 5, TimeSpan? retryDelay = null)
    {
        _store = store;
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

    /// <summary>Queues ticks of one symbol (already sequenced); waits while the queue is full.</summary>
    public async ValueTask WriteAsync(string symbol, SequencedTick[] ticks, CancellationToken ct = default)
    {
        ThrowIfFaulted();
        if (ticks.Length == 0) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Batch(symbol, ticks, null, done), ct);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            throw new ObjectDisposedException(nameof(BufferedTickWriter));
        }
        Interlocked.Add(ref _enqueued, ticks.Length);
    }

    /// <summary>Queues closed candles; same promises as ticks.</summary>
    public async ValueTask WriteCandlesAsync(string symbol, Timeframe timeframe, Candle[] candles, CancellationToken ct = default)
    {
        ThrowIfFaulted();
        if (candles.Length == 0) return;
        try
        {
            await _queue.Writer.WriteAsync(new Batch(symbol, null, (timeframe, candles), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)), ct);
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
            await _queue.Writer.WriteAsync(new Batch("", null, null, marker), ct);
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
    /// Takes whatever is queued (up to <see cref="MaxRowsPerWrite"/> rows) and writes it as one append
    /// per symbol: a feed sends many small batches, and a store is far faster with few large ones.
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
                rows += batch.Ticks?.Length ?? batch.Candles?.Item2.Length ?? 0;
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
                }
            }
            foreach (var batch in taken)
                batch.Done.TrySetResult();
        }
    }

    public const int MaxRowsPerWrite = 1_000_000;

    private async Task WriteCoalescedAsync(List<Batch> batches)
    {
        foreach (var group in batches.Where(b => b.Ticks is not null).GroupBy(b => b.Symbol, StringComparer.Ordinal))
            foreach (var run in InOrderRuns(group.Select(b => b.Ticks!)))
            {
                var ticks = run.Count == 1 ? run[0] : run.SelectMany(t => t).ToArray();
                await WithRetriesAsync(() => _store.AppendTicksAsync(group.Key, ticks));
                Interlocked.Add(ref _written, ticks.Length);
            }
        foreach (var group in batches.Where(b => b.Candles is not null).GroupBy(b => (b.Symbol, b.Candles!.Value.Item1)))
        {
            var candles = group.SelectMany(b => b.Candles!.Value.Item2).ToArray();
            await WithRetriesAsync(() => _store.AppendCandlesAsync(group.Key.Symbol, group.Key.Item2, candles));
        }
    }

    /// <summary>
    /// Consecutive batches merge only while each starts after the previous one ends: a store replaces the
    /// (time, seq) range an append spans, so a merged append must stay in order (a resent older batch is
    /// written on its own).
    /// </summary>
    private static List<List<SequencedTick[]>> InOrderRuns(IEnumerable<SequencedTick[]> batches)
    {
        var runs = new List<List<SequencedTick[]>>();
        foreach (var batch in batches)
        {
            var last = runs.Count > 0 ? runs[^1][^1][^1] : default;
            if (runs.Count > 0 && (batch[0].Tick.TimeMs, batch[0].Seq).CompareTo((last.Tick.TimeMs, last.Seq)) > 0)
                runs[^1].Add(batch);
            else
                runs.Add([batch]);
        }
        return runs;
    }

    private async Task WithRetriesAsync(Func<Task<int>> write)
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

    private sealed record Batch(string Symbol, SequencedTick[]? Ticks, (Timeframe, Candle[])? Candles, TaskCompletionSource Done);
}

/// <summary>Ticks that were accepted for writing could not be stored.</summary>
public sealed class TickStoreWriteException(string message, Exception inner) : Exception(message, inner);
