using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.ClickHouse;

/// <summary>
/// Ticks as ClickHouse RowBinary in the column order of <see cref="Columns"/>, written straight from the
/// structs: no object per row, no boxing. The store streams it into its inserts; a benchmark or import can
/// write it to a file and let an engine read it with <see cref="FileStructure"/>.
/// </summary>
public static class TickRowBinary
{
    public const string Table = ClickHouseSchema.Ticks;

    public static readonly string[] Columns = ["symbol", "time", "seq", "bid", "ask", "last", "volume", "feed_id", "feed_seq"];

    /// <summary>The rows' structure for file()/input(): String rather than LowCardinality(String), same bytes,
    /// parsed faster.</summary>
    public const string FileStructure =
        $"symbol String, time {ClickHouseSchema.TimeType}, seq Int32, bid Int64, ask Int64, last Int64, volume Float64, feed_id UInt64, feed_seq Int64";

    public static readonly string InsertSql = $"INSERT INTO {Table} ({string.Join(", ", Columns)}) FORMAT RowBinary";

    private const int FixedBytes = 8 + 4 + 8 * 3 + 8;

    // Each row also carries its feed's id and the feed position: 16 bytes on the wire whatever the feed's name (the name
    // itself, sent as a String, cost 1 + ~40 bytes a row).
    private static readonly byte[] NoFeed = FeedSuffix("", 0);
    private const int BufferBytes = 256 * 1024;

    public static void Write(Stream destination, string symbol, ReadOnlySpan<SequencedTick> ticks)
    {
        var prefix = SymbolPrefix(symbol);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferBytes, prefix.Length + FixedBytes + NoFeed.Length));
        try
        {
            for (var next = 0; next < ticks.Length;)
                destination.Write(buffer, 0, Fill(buffer, prefix, NoFeed, ticks, ref next));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Task WriteAsync(Stream destination, string symbol, ReadOnlyMemory<SequencedTick> ticks, CancellationToken ct) =>
        WriteAsync(destination, [new TickRun(symbol, ticks)], ct);

    /// <summary>Runs of several symbols one after another in one body: each row names its symbol.</summary>
    public static async Task WriteAsync(Stream destination, IReadOnlyList<TickRun> runs, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var (symbolOfPrefix, prefix) = ("", Array.Empty<byte>());
            var (feedOfSuffix, seqOfSuffix, suffix) = ("", 0L, NoFeed);
            foreach (var (symbol, ticks, feed, feedSeq) in runs)
            {
                if (!string.Equals(symbol, symbolOfPrefix, StringComparison.Ordinal))
                    (symbolOfPrefix, prefix) = (symbol, SymbolPrefix(symbol));
                if (feedSeq != seqOfSuffix || !string.Equals(feed, feedOfSuffix, StringComparison.Ordinal))
                    (feedOfSuffix, seqOfSuffix, suffix) = (feed, feedSeq, FeedSuffix(feed, feedSeq));
                if (buffer.Length < prefix.Length + FixedBytes + suffix.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + FixedBytes + suffix.Length);
                }
                for (var next = 0; next < ticks.Length;)
                {
                    var used = Fill(buffer, prefix, suffix, ticks.Span, ref next);
                    await destination.WriteAsync(buffer.AsMemory(0, used), ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Splits runs into insert requests of at most <paramref name="maxRows"/> rows (a run may span two), each within one
    /// calendar month (UTC): ticks are partitioned by month, and an insert into one partition is one part, stored whole
    /// or not at all. In the order given, so a crash leaves a prefix of the runs stored.
    /// </summary>
    public static IEnumerable<IReadOnlyList<TickRun>> Requests(IReadOnlyList<TickRun> runs, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var request = new List<TickRun>();
        var rows = 0;
        var month = (Start: long.MaxValue, End: long.MinValue); // none yet
        foreach (var run in runs)
            for (var start = 0; start < run.Ticks.Length;)
            {
                var firstMs = run.Ticks.Span[start].Tick.TimeMs;
                if (firstMs < month.Start || firstMs >= month.End)
                {
                    if (rows > 0)
                    {
                        yield return request;
                        (request, rows) = ([], 0);
                    }
                    month = MonthOf(firstMs);
                }
                var end = EndWithin(run.Ticks.Span, start, Math.Min(run.Ticks.Length, start + maxRows - rows), month);
                // Only the piece holding a run's last tick says the feed is stored through its sequence: were a crash to
                // store an earlier piece alone, the resume must not skip the pieces that never arrived (a resend stores
                // that earlier piece twice, which is the lesser harm than losing the rest).
                request.Add(run with { Ticks = run.Ticks[start..end], FeedSeq = end == run.Ticks.Length ? run.FeedSeq : 0 });
                (start, rows) = (end, rows + end - start);
                if (rows == maxRows)
                {
                    yield return request;
                    (request, rows) = ([], 0);
                }
            }
        if (rows > 0)
            yield return request;
    }

    /// <summary>The first index from <paramref name="start"/> (at least start + 1) up to <paramref name="limit"/> outside the month.</summary>
    private static int EndWithin(ReadOnlySpan<SequencedTick> ticks, int start, int limit, (long Start, long End) month)
    {
        var end = start + 1;
        while (end < limit && ticks[end].Tick.TimeMs >= month.Start && ticks[end].Tick.TimeMs < month.End)
            end++;
        return end;
    }

    /// <summary>[first ms, first ms of the next month) of the UTC month holding <paramref name="ms"/>.</summary>
    public static (long Start, long End) MonthOf(long ms)
    {
        var day = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        var first = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (first.ToUnixTimeMilliseconds(), first.AddMonths(1).ToUnixTimeMilliseconds());
    }

    /// <summary>Encodes rows from <paramref name="next"/> on until the buffer is full; returns the bytes used.</summary>
    private static int Fill(byte[] buffer, byte[] prefix, byte[] suffix, ReadOnlySpan<SequencedTick> ticks, ref int next)
    {
        var rowBytes = prefix.Length + FixedBytes + suffix.Length;
        var used = 0;
        for (; next < ticks.Length && used + rowBytes <= buffer.Length; next++, used += rowBytes)
        {
            var (tick, seq) = ticks[next];
            var row = buffer.AsSpan(used, rowBytes);
            prefix.CopyTo(row);
            var f = row[prefix.Length..];
            BinaryPrimitives.WriteInt64LittleEndian(f, tick.TimeMs); // DateTime64(3) is Int64 milliseconds
            BinaryPrimitives.WriteInt32LittleEndian(f[8..], seq);
            BinaryPrimitives.WriteInt64LittleEndian(f[12..], tick.Bid.Units);
            BinaryPrimitives.WriteInt64LittleEndian(f[20..], tick.Ask.Units);
            BinaryPrimitives.WriteInt64LittleEndian(f[28..], tick.Last.Units);
            BinaryPrimitives.WriteDoubleLittleEndian(f[36..], tick.Volume);
            suffix.CopyTo(f[FixedBytes..]);
        }
        return used;
    }

    // The symbol column is the same on every row of a run: its bytes are encoded once.
    private static byte[] SymbolPrefix(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return RowBinaryString(symbol);
    }

    // So are the feed's id and its position.
    private static byte[] FeedSuffix(string feed, long feedSeq)
    {
        var suffix = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(suffix, FeedIds.Of(feed));
        BinaryPrimitives.WriteInt64LittleEndian(suffix.AsSpan(8), feedSeq);
        return suffix;
    }

    // A LEB128 length, then UTF-8.
    private static byte[] RowBinaryString(string text)
    {
        var name = Encoding.UTF8.GetBytes(text);
        var length = new List<byte>();
        for (var v = (uint)name.Length; ; v >>= 7)
        {
            length.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
            if (v < 0x80) break;
        }
        return [.. length, .. name];
    }
}
