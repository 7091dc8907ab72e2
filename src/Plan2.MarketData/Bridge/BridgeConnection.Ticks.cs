using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The tick path. Per symbol the sink sees sequences 1, 2, 3… exactly once: a batch that starts
/// beyond the next expected sequence opens a gap (RESEND_REQUEST, the batch is dropped because the
/// resend brings it again); ticks already delivered are counted as duplicates and dropped.
/// </summary>
internal sealed partial class BridgeConnection
{
    private ValueTask HandleTicksAsync(in ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        var batch = DecodeTicks(Contiguous(payload), out var cursor);
        return batch is null ? ValueTask.CompletedTask : DeliverAsync(cursor!, batch, ct);
    }

    /// <summary>The new part of a TICKS payload as a batch, or null when nothing in it is new.</summary>
    private TickBatch? DecodeTicks(ReadOnlySpan<byte> payload, out SymbolCursor? cursor)
    {
        cursor = null;
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
        var times = new long[take];
        var bids = new double[take];
        var asks = new double[take];
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
        cursor = link.Cursor;
        link.GapOpen = false;
        return new TickBatch(link.Cursor.Symbol, next, times, bids, asks);
    }

    /// <summary>Ticks from the future mean trade-server time sent as UTC (or a wrong terminal clock): counted for health.</summary>
    private void CheckTickTimes(long[] times, long latest)
    {
        var limit = _server.Time.GetUtcNow().ToUnixTimeMilliseconds() + Clock.ToleranceMs;
        if (latest <= limit)
            return;
        var lead = TimeSpan.FromMilliseconds(latest - limit + Clock.ToleranceMs);
        if (Clock.Ahead(times.Count(t => t > limit), (long)lead.TotalMilliseconds))
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

    private async ValueTask DeliverAsync(SymbolCursor cursor, TickBatch batch, CancellationToken ct)
    {
        await CallSinkAsync(static (sink, s, b, ct) => sink.OnTicksAsync(s, b, ct), batch, ct);
        cursor.Advance(batch.FirstSequence + batch.TimesUnixMs.Length, batch.TimesUnixMs[^1]);
        Counters.TicksDelivered(batch.TimesUnixMs.Length);
    }

    private async ValueTask HandleTicksLostAsync(TicksLostMessage lost, CancellationToken ct)
    {
        if (lost.SymbolIndex >= _links.Length)
            throw new BridgeProtocolException(BridgeFault.UnknownSymbol, $"TICKS_LOST for symbol index {lost.SymbolIndex}");
        var link = _links[lost.SymbolIndex];
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
        Counters.TicksLost(count);
        Logger.LogWarning("Bridge {Terminal} {Symbol}: terminal lost {Count} ticks from sequence {From}",
            _session?.TerminalId, link.Cursor.Symbol, count, next);
    }
}
