using Plan2.Abstractions.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Tick delivery off the read loop. The read loop decodes a batch and queues it on its symbol; one delivery per symbol
/// at a time takes the queue in order, so the sink sees each symbol's sequences in order (and a grain one call at a
/// time per symbol) while the socket, the decoding and the other symbols' instruments go on meanwhile. Batches are not
/// merged: a store acknowledges per batch it holds, so a frame stays the unit an ACK can cover. Queued
/// ticks are bounded per connection (<see cref="BridgeServerOptions.MaxQueuedTicks"/>): beyond it the read loop waits.
/// Nothing queued is acknowledged: only what the sink took (and then reports durable) is, so ticks queued when a
/// connection fails are sent again by the terminal.
/// </summary>
internal sealed partial class BridgeConnection
{
    private readonly object _deliveryGate = new();
    private long _queuedTicks;
    private TaskCompletionSource _delivered = NewSignal();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queues the batch on its symbol, starts that symbol's delivery if none runs, and waits while too much is queued.</summary>
    private ValueTask QueueAsync(SymbolLink link, TickBatch batch, CancellationToken ct)
    {
        var queued = Interlocked.Add(ref _queuedTicks, batch.TimesUnixMs.Length);
        lock (link.Queued)
        {
            link.Queued.Enqueue(batch);
            link.Delivering ??= DeliverQueuedAsync(link);
        }
        return queued <= _options.MaxQueuedTicks ? ValueTask.CompletedTask : WaitForRoomAsync(ct);
    }

    private async ValueTask WaitForRoomAsync(CancellationToken ct)
    {
        // Held by the sink, not by the terminal: the watchdog must not count this silence as the terminal's.
        Volatile.Write(ref _inSink, 1);
        try
        {
            while (true)
            {
                Task delivered;
                lock (_deliveryGate)
                    delivered = _delivered.Task;
                if (Interlocked.Read(ref _queuedTicks) <= _options.MaxQueuedTicks)
                    return;
                await delivered.WaitAsync(ct);
            }
        }
        finally
        {
            Volatile.Write(ref _inSink, 0);
            Volatile.Write(ref _lastReceived, _server.Time.GetTimestamp());
        }
    }

    /// <summary>Until the symbol's queue is empty: before a TICKS_LOST, which the sink must hear after the ticks before it.</summary>
    private async ValueTask DrainAsync(SymbolLink link, CancellationToken ct)
    {
        // Held by the sink, not by the terminal (a slow instrument can hold a full queue): not the terminal's silence.
        Volatile.Write(ref _inSink, 1);
        try
        {
            while (true)
            {
                Task? delivering;
                lock (link.Queued)
                    delivering = link.Delivering;
                if (delivering is null)
                    return;
                await delivering.WaitAsync(ct);
            }
        }
        finally
        {
            Volatile.Write(ref _inSink, 0);
            Volatile.Write(ref _lastReceived, _server.Time.GetTimestamp());
        }
    }

    /// <summary>Every symbol's delivery ended: before the sink hears of the disconnect and the terminal is handed on.</summary>
    private async Task DrainAllAsync()
    {
        foreach (var link in _links)
        {
            try
            {
                await DrainAsync(link, CancellationToken.None);
            }
            catch (Exception)
            {
                // A delivery never faults (it aborts the connection instead); nothing to add here.
            }
        }
    }

    private async Task DeliverQueuedAsync(SymbolLink link)
    {
        try
        {
            await DeliverEachAsync(link);
        }
        catch (Exception ex)
        {
            // Never left marked as delivering: the symbol's queue would never drain and the read loop would wait on it
            // for good, with the watchdog off. A socket gone while acknowledging ends the connection; anything else is ours.
            if (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
                Abort(BridgeFault.SinkFailed, $"{link.Cursor.Symbol} delivery ended: {ex.Message}", null, ex);
            else
                Abort(BridgeFault.Internal, $"internal error delivering {link.Cursor.Symbol}: {ex.Message}", null, ex);
            lock (link.Queued)
            {
                Release(link.Queued.Sum(b => (long)b.TimesUnixMs.Length));
                link.Queued.Clear();
                link.Delivering = null;
            }
        }
    }

    private async Task DeliverEachAsync(SymbolLink link)
    {
        await Task.Yield(); // off the read loop: the caller goes on decoding
        while (true)
        {
            TickBatch batch;
            lock (link.Queued)
            {
                // A failed connection delivers no more: what is queued is not acknowledged, so the terminal sends it again.
                if (link.Queued.Count == 0 || _abort is not null || _cts.IsCancellationRequested)
                {
                    Release(link.Queued.Sum(b => (long)b.TimesUnixMs.Length));
                    link.Queued.Clear();
                    link.Delivering = null;
                    return;
                }
                batch = link.Queued.Dequeue();
            }
            var count = batch.TimesUnixMs.Length;
            try
            {
                await _server.Sink.OnTicksAsync(_session!, batch, _cts.Token);
            }
            catch (Exception ex)
            {
                if (!(ex is OperationCanceledException && _cts.IsCancellationRequested))
                    Abort(BridgeFault.SinkFailed, $"sink failed: {ex.Message}", null, ex);
                Release(count);
                continue; // the next round empties the queue and ends
            }
            if (_server.Sink.ReleasesTickArrays)
                _spareTicks.Return(batch); // only after a call that completed: a failed or abandoned one may still be reading
            link.Cursor.SinkThrough = batch.FirstSequence + count - 1;
            Counters.TicksDelivered(count);
            Release(count);
            var durableBefore = link.Cursor.Durable;
            AwaitDurable(link);
            // A sink that answers at once (nothing to store): the burst's end is acknowledged here, since the read loop
            // may be idle, waiting for a terminal that waits for this ACK; within a burst its own flushes do it.
            bool idle;
            lock (link.Queued)
                idle = link.Queued.Count == 0;
            if (idle && link.Cursor.Durable > durableBefore)
                await SendAcknowledgementsAsync();
        }
    }

    private void Release(long ticks)
    {
        if (ticks == 0)
            return;
        Interlocked.Add(ref _queuedTicks, -ticks);
        TaskCompletionSource done;
        lock (_deliveryGate)
        {
            done = _delivered;
            _delivered = NewSignal();
        }
        done.TrySetResult();
    }
}
