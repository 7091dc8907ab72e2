using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Plan2.ClickHouseFront;

/// <summary>One chdb result: the output bytes stay in native memory until disposed (no copy for big reads).</summary>
public sealed partial class ChDbResult : IDisposable
{
    private IntPtr _handle;

    public ChDbResult(IntPtr handle)
    {
        _handle = handle;
        var error = ChDbNative.chdb_result_error(handle);
        Error = error == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(error);
        Length = (long)ChDbNative.chdb_result_length(handle);
        if (Error is not null)
            return; // a failed query's figures are not set: its elapsed time once read as a duration past TimeSpan's range and threw
        var seconds = ChDbNative.chdb_result_elapsed(handle);
        Elapsed = double.IsFinite(seconds) && seconds is >= 0 and < 86_400 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        RowsRead = (long)ChDbNative.chdb_result_rows_read(handle);
        BytesRead = (long)ChDbNative.chdb_result_bytes_read(handle);
        RowsWritten = (long)ChDbNative.chdb_result_rows_written(handle);
        BytesWritten = (long)ChDbNative.chdb_result_bytes_written(handle);
    }

    public string? Error { get; }
    public long Length { get; }
    public TimeSpan Elapsed { get; }
    public long RowsRead { get; }
    public long BytesRead { get; }
    public long RowsWritten { get; }
    public long BytesWritten { get; }

    /// <summary>ClickHouse's error code from "Code: N. DB::Exception: …"; 1001 (STD_EXCEPTION) when absent.</summary>
    public int ErrorCode => Error is not null && CodePattern().Match(Error) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 1001;

    /// <summary>Streams the output in pooled chunks rather than one managed copy of the whole result.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        var source = ChDbNative.chdb_result_buffer(_handle);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long offset = 0; offset < Length;)
            {
                var n = (int)Math.Min(chunk.Length, Length - offset);
                Marshal.Copy(source + (nint)offset, chunk, 0, n);
                await destination.WriteAsync(chunk.AsMemory(0, n), ct);
                offset += n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public byte[] ToArray()
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        var bytes = new byte[Length];
        if (Length > 0) Marshal.Copy(ChDbNative.chdb_result_buffer(_handle), bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>Throws with the engine's message when the query failed.</summary>
    public ChDbResult EnsureSuccess()
    {
        if (Error is not null) throw new ChDbException(ErrorCode, Error);
        return this;
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        ChDbNative.chdb_destroy_query_result(_handle);
        _handle = IntPtr.Zero;
    }

    [GeneratedRegex(@"Code: (\d+)")]
    private static partial Regex CodePattern();
}

public sealed class ChDbException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
