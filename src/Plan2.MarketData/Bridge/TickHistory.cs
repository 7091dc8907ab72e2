using System.Buffers.Binary;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The EA's per-symbol resend buffer: a ring of the last <c>capacity</c> ticks by sequence number.
/// Sequences start at 1 and never repeat within a session; the oldest fall out when it is full, and
/// a resend from before <see cref="FirstAvailable"/> is answered with TICKS_LOST. One writer.
/// </summary>
public sealed class TickHistory
{
    private readonly long[] _times;
    private readonly double[] _bids;
    private readonly double[] _asks;
    private long _last;

    public TickHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _times = new long[capacity];
        _bids = new double[capacity];
        _asks = new double[capacity];
    }

    public int Capacity => _times.Length;

    /// <summary>Sequence of the newest tick; 0 when none.</summary>
    public long LastSequence => Volatile.Read(ref _last);

    private long _released;

    /// <summary>The oldest sequence still held: not overwritten by newer ticks, nor released as acknowledged.</summary>
    public long FirstAvailable => Math.Max(Math.Max(1, LastSequence - Capacity + 1), Math.Min(Interlocked.Read(ref _released), LastSequence) + 1);

    /// <summary>Drops ticks through <paramref name="sequence"/> (acknowledged: the platform has them); never takes one back.</summary>
    public void Release(long sequence)
    {
        var current = Interlocked.Read(ref _released);
        while (sequence > current && Interlocked.CompareExchange(ref _released, sequence, current) is var seen && seen != current)
            current = seen;
    }

    public long Append(long timeMs, double bid, double ask)
    {
        var sequence = _last + 1;
        var slot = (int)(sequence % Capacity);
        _times[slot] = timeMs;
        _bids[slot] = bid;
        _asks[slot] = ask;
        // Published after the data: a reader that sees the new sequence sees its tick.
        Volatile.Write(ref _last, sequence);
        return sequence;
    }

    /// <summary>Writes ticks [from, from + count) as 24-byte TICKS records (time_msc, bid, ask).</summary>
    public void WriteRecords(Span<byte> destination, long from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var slot = (int)((from + i) % Capacity);
            var record = destination.Slice(i * BridgeProtocol.TickRecordSize, BridgeProtocol.TickRecordSize);
            BinaryPrimitives.WriteInt64LittleEndian(record, _times[slot]);
            BinaryPrimitives.WriteDoubleLittleEndian(record[8..], _bids[slot]);
            BinaryPrimitives.WriteDoubleLittleEndian(record[16..], _asks[slot]);
        }
    }
}
