using System.IO.Compression;
using ClickHouse.Driver.Compression;
using Microsoft.AspNetCore.Http;

namespace Plan2.ClickHouseFront;

/// <summary>The request body as plain bytes, whatever Content-Encoding the driver chose (gzip for queries,
/// zstd for inserts by default). The driver's own codecs decode zstd and lz4.</summary>
internal static class RequestBody
{
    public static Stream Open(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        return encoding switch
        {
            "" or "identity" => request.Body,
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "zstd" => ZstdCompressor.Default.Decompress(request.Body, leaveOpen: true),
            "lz4" => Lz4Compressor.Default.Decompress(request.Body, leaveOpen: true),
            _ => throw new ChDbException(432, $"Code: 432. DB::Exception: Unknown HTTP Content-Encoding '{encoding}'. (UNKNOWN_CODEC)"),
        };
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the body ends.</summary>
    public static async Task<int> ReadHeadAsync(Stream body, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
