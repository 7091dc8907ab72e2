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

    public static readonly string[] Columns = ["symbol", "time", "seq", "bid", "ask", "last", "volume"];

    /// <summary>The rows' structure for file()/input(): String rather than LowCardinality(String), same bytes,
    /// parsed faster.</summary>
    public const string FileStructure =
        $"symbol String, time {ClickHouseSchema.TimeType}, seq Int32, bid Int64, ask Int64, last Int64, volume Float64";

    public static readonly string InsertSql = $"INSERT INTO {Table} ({string.Join(", ", Columns)}) FORMAT RowBinary";

    private const int FixedBytes = 8 + 4 + 8 * 3 + 8;
    private const int BufferBytes = 256 * 1024;

    public static void Write(Stream destination, string symbol, ReadOnlySpan<SequencedTick> ticks)
    {
        var prefix = SymbolPrefix(symbol);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferBytes, prefix.Length + FixedBytes));
        try
        {
            for (var next = 0; next < ticks.Length;)
                destination.Write(buffer, 0, Fill(buffer, prefix, ticks, ref next));
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
            foreach (var (symbol, ticks) in runs)
            {
                if (!string.Equals(symbol, symbolOfPrefix, StringComparison.Ordinal))
                    (symbolOfPrefix, prefix) = (symbol, SymbolPrefix(symbol));
                if (buffer.Length < prefix.Length + FixedBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + FixedBytes);
                }
                for (var next = 0; next < ticks.Length;)
                {
                    var used = Fill(buffer, prefix, ticks.Span, ref next);
                    await destination.WriteAsync(buffer.AsMemory(0, used), ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Splits runs into insert requests of at most <paramref name="maxRows"/> rows (a run may span two).</summary>
    public static IEnumerable<IReadOnlyList<TickRun>> Requests(IReadOnlyList<TickRun> runs, int maxRows)
    {
        var request = new List<TickRun>();
        var rows = 0;
        foreach (var (symbol, ticks) in runs)
            for (var start = 0; start < ticks.Length;)
            {
                var take = Math.Min(maxRows - rows, ticks.Length - start);
                request.Add(new TickRun(symbol, ticks.Slice(start, take)));
                (start, rows) = (start + take, rows + take);
                if (rows == maxRows)
                {
                    yield return request;
                    (request, rows) = ([], 0);
                }
            }
        if (rows > 0)
            yield return request;
    }

    /// <summary>Encodes rows from <paramref name="next"/> on until the buffer is full; returns the bytes used.</summary>
    private static int Fill(byte[] buffer, byte[] prefix, ReadOnlySpan<SequencedTick> ticks, ref int next)
    {
        var rowBytes = prefix.Length + FixedBytes;
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
        }
        return used;
    }

    // The symbol column is the same on every row: its bytes (a LEB128 length, then UTF-8) are encoded once.
    private static byte[] SymbolPrefix(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var name = Encoding.UTF8.GetBytes(symbol);
        var length = new List<byte>();
        for (var v = (uint)name.Length; ; v >>= 7)
        {
            length.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
            if (v < 0x80) break;
        }
        return [.. length, .. name];
    }
}
