using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The tick path. Per symbol the sink sees sequences 1, 2, 3… exactly once per connection, in order (queued and delivered
/// per symbol off the read loop: BridgeConnection.Delivery.cs): a batch that starts
/// beyond the next expected sequence opens a gap (RESEND_REQUEST, the batch is dropped because the
/// resend brings it again); ticks already delivered are counted as duplicates and dropped. Acknowledged is what the
/// sink reports durable (<see cref="IBridgeSink.WhenDurableAsync"/>): one wait per symbol at a time, covering everything
/// delivered before it, so a store's group commit acknowledges many batches at once and the read loop never waits on it.
/// </summary>
internal sealed partial class BridgeConnection
{
    // A few batches' worth: enough for what is queued and in the sink at full speed with one or two symbols.
    private readonly TickArrayPool _spareTicks = new(capacity: 16);

    private ValueTask HandleTicksAsync(in ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        var batch = DecodeTicks(Contiguous(payload), out var link);
        return batch is null ? ValueTask.CompletedTask : QueueAsync(link!, batch, ct);
    }

    /// <summary>The new part of a TICKS payload as a batch, or null when nothing in it is new.</summary>
    private TickBatch? DecodeTicks(ReadOnlySpan<byte> payload, out SymbolLink? delivering)
    {
        delivering = null;
        if (payload.Length < BridgeProtocol.TicksPreambleSize)
            throw new BridgeProtocolException(BridgeFault.Malformed, $"TICKS payload of {payload.Length} bytes");
        var symbolIndex = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        var first = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]);
        if (symbolIndex >= _links.Length)
            throw new BridgeProtocolException(BridgeFault.UnknownSymbol, $"TICKS for symbol index {symbolIndex}; HELLO listed {_links.Length}");
        if (count == 0 || count > (uint)_options.MaxTicksPerBatch)
            throw new BridgeProtocolException(BridgeFault.BatchTooLarge, $"TICKS with {count} ticks; 1..{_options.MaxTicksPerBatch} allowed");
        if (payload.Length != BridgeProtocol.TicksPayloadSize((int)count) || first < 1)
            throw new BridgeProtocolException(BridgeFault.Malformed, $"TICKS of {count} ticks from sequence {first} in {payload.Length} bytes");

        var link = _links[symbolIndex];
        var next = link.Cursor.Next;
        Counters.TicksReceived(count);
        if (first > next)
        {
            OpenGap(link, count);
            return null;
        }
        if (first + count <= next)
        {
            Counters.DuplicateTicks(count);
            return null;
        }
        var skip = (int)(next - first);
        if (skip > 0)
            Counters.DuplicateTicks(skip);
        var take = (int)count - skip;
        var (times, bids, asks) = _spareTicks.Rent(take);
        var records = payload[(BridgeProtocol.TicksPreambleSize + skip * BridgeProtocol.TickRecordSize)..];
        var latest = long.MinValue;
        for (var i = 0; i < take; i++)
        {
            var record = records.Slice(i * BridgeProtocol.TickRecordSize, BridgeProtocol.TickRecordSize);
            times[i] = BinaryPrimitives.ReadInt64LittleEndian(record);
            bids[i] = BinaryPrimitives.ReadDoubleLittleEndian(record[8..]);
            asks[i] = BinaryPrimitives.ReadDoubleLittleEndian(record[16..]);
            latest = Math.Max(latest, times[i]);
        }
        CheckTickTimes(times, latest);
        delivering = link;
        link.GapOpen = false;
        // Next counts what is decoded (queued for the sink), so the next frame is checked against it; what the sink
        // took is SinkThrough, and only what it then reports durable is acknowledged.
        link.Cursor.Advance(next + take, times[^1]);
        return new TickBatch(link.Cursor.Symbol, next, times, bids, asks);
    }

    /// <summary>Ticks from the future mean trade-server time sent as UTC (or a wrong terminal clock): counted for health.</summary>
    private void CheckTickTimes(long[] times, long latest)
    {
        var limit = _server.Time.GetUtcNow().ToUnixTimeMilliseconds() + Clock.ToleranceMs;
        if (latest <= limit)
            return;
        var leadMs = latest - limit + Clock.ToleranceMs; // no overflow: limit is positive
        var lead = TerminalClockWatch.Span(leadMs);
        if (Clock.Ahead(times.Count(t => t > limit), leadMs))
            Logger.LogWarning("Bridge {Terminal}: ticks stamped {Lead} ahead of the server's UTC clock: the terminal's clock is off "
                + "or it sends trade-server time (protocol v{Version})", _session?.TerminalId, lead, _version);
    }

    private void OpenGap(SymbolLink link, long count)
    {
        Counters.DeferredTicks(count);
        if (!link.GapOpen)
        {
            link.GapOpen = true;
            link.ResendDue = true;
            Counters.Gap(_server.Time.GetUtcNow().ToUnixTimeMilliseconds());
            Logger.LogInformation("Bridge {Terminal} {Symbol}: gap before sequence {Next}; asking for a resend",
                _session?.TerminalId, link.Cursor.Symbol, link.Cursor.Next);
        }
        else if (!link.ResendDue && _server.Time.GetElapsedTime(link.ResendRequestedAt) >= _options.ResendRetryInterval)
        {
            link.ResendDue = true;
        }
    }

    /// <summary>
    /// Starts a durability wait for everything delivered, unless one is in flight (it starts the next when it ends).
    /// A sink that answers at once (nothing to store) is acknowledged by the read loop's next control flush, as before.
    /// </summary>
    private void AwaitDurable(SymbolLink link)
    {
        var delivered = link.Cursor.SinkThrough;
        if (delivered <= link.Cursor.Durable || Interlocked.CompareExchange(ref link.Waiting, 1, 0) != 0)
            return;
        ValueTask<long> wait;
        try
        {
            wait = _server.Sink.WhenDurableAsync(_session!, link.Cursor.Symbol, delivered, _cts.Token);
        }
        catch (Exception ex)
        {
            Volatile.Write(ref link.Waiting, 0);
            Abort(BridgeFault.SinkFailed, $"sink failed: {ex.Message}", null);
            return;
        }
        if (wait.IsCompletedSuccessfully)
        {
            Volatile.Write(ref link.Waiting, 0);
            Durable(link, delivered, wait.Result);
            return;
        }
        _ = AwaitDurableSlowAsync(link, delivered, wait);
    }

    private async Task AwaitDurableSlowAsync(SymbolLink link, long delivered, ValueTask<long> wait)
    {
        long durable;
        try
        {
            durable = await wait;
        }
        catch (Exception ex)
        {
            Volatile.Write(ref link.Waiting, 0);
            Abort(BridgeFault.SinkFailed, $"sink failed while storing: {ex.Message}", null);
            return;
        }
        Volatile.Write(ref link.Waiting, 0);
        if (!Durable(link, delivered, durable))
            return;
        await SendAcknowledgementsAsync();
        AwaitDurable(link); // delivered meanwhile: the read loop saw this wait in flight and left it to us
    }

    /// <summary>Raises what is acknowledged; false (and the connection closes) when the sink lost delivered ticks.</summary>
    private bool Durable(SymbolLink link, long delivered, long durable)
    {
        lock (link.Losses)
        {
            link.Cursor.RaiseDurable(durable);
            link.Cursor.AcknowledgeLosses(link.Losses);
        }
        if (durable >= delivered)
            return true;
        // E.g. the instrument's silo died with its write queue: only a resend from what is durable brings those ticks back.
        Abort(BridgeFault.NotStored, $"{link.Cursor.Symbol} ticks {durable + 1}..{delivered} were delivered but not stored; " +
            "reconnect to send them again", RejectReason.ServerStopping);
        return false;
    }

    private async ValueTask HandleTicksLostAsync(TicksLostMessage lost, CancellationToken ct)
    {
        if (lost.SymbolIndex >= _links.Length)
            throw new BridgeProtocolException(BridgeFault.UnknownSymbol, $"TICKS_LOST for symbol index {lost.SymbolIndex}");
        var link = _links[lost.SymbolIndex];
        await DrainAsync(link, ct); // the sink hears of the loss after the ticks before it
        ct.ThrowIfCancellationRequested(); // an aborted delivery dropped those ticks: the loss comes again after the resend
        var next = link.Cursor.Next;
        if (lost.NextSequence <= next || lost.FromSequence > next)
        {
            // Stale (already filled) or ahead of us (ticks before it may still come): nothing safe to skip.
            Counters.Fault(BridgeFault.StaleLoss);
            Logger.LogWarning("Bridge {Terminal} {Symbol}: TICKS_LOST [{From}, {To}) ignored at next sequence {Next}",
                _session?.TerminalId, link.Cursor.Symbol, lost.FromSequence, lost.NextSequence, next);
            return;
        }
        var count = lost.NextSequence - next;
        await CallSinkAsync(static (sink, s, state, ct) => sink.OnTicksLostAsync(s, state.Symbol, state.From, state.Count, ct),
            (link.Cursor.Symbol, From: next, Count: count), ct);
        link.Cursor.Advance(lost.NextSequence, 0);
        link.GapOpen = false;
        // Acknowledged (the terminal may forget them) once all before it is durable: at once when it already is.
        lock (link.Losses)
        {
            link.Losses.Enqueue((next, lost.NextSequence - 1));
            link.Cursor.AcknowledgeLosses(link.Losses);
        }
        Counters.TicksLost(count);
        Logger.LogWarning("Bridge {Terminal} {Symbol}: terminal lost {Count} ticks from sequence {From}",
            _session?.TerminalId, link.Cursor.Symbol, count, next);
    }
}
