using System.Buffers.Binary;
using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

namespace Plan2.Cli.Bench;

/// <summary>
/// Our ClickHouse store through ClickHouse.Driver, beside ClickHouse's own bulk path: one plain HTTP
/// POST of RowBinary into a bare copy of the ticks table (no driver, no compression), same rows.
/// </summary>
internal static class ClickHouseBench
{
    public static async Task<JsonObject> RunAsync(string connectionString, SequencedTick[] ticks, CancellationToken ct)
    {
        double write, read;
        await using (var store = new ClickHouseTickStore(connectionString))
        {
            await store.EnsureSchemaAsync(ct);
            (write, read) = await StoreBench.MeasureStoreAsync(store, ticks, ct);
        }
        var bulk = await RawRowBinaryAsync(connectionString, ticks, ct);
        return StoreBench.Figures(write, read, bulk, "one HTTP POST of uncompressed RowBinary into a bare copy of the ticks table");
    }

    private static async Task<double> RawRowBinaryAsync(string connectionString, SequencedTick[] ticks, CancellationToken ct)
    {
        var cs = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string Get(string key, string fallback) => cs.TryGetValue(key, out var v) && v is string s && s.Length > 0 ? s : fallback;
        var database = Get("Database", "default");
        using var http = new HttpClient { BaseAddress = new Uri($"{Get("Protocol", "http")}://{Get("Host", "localhost")}:{Get("Port", "8123")}/"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Get("Username", "default")}:{Get("Password", "")}")));
        var table = $"{database}.bench_bulk_{Guid.NewGuid():n}";
        await PostAsync(http, $"CREATE TABLE {table} AS {database}.ticks", null, ct);
        try
        {
            var body = RowBinary(ticks);
            var start = Stopwatch.GetTimestamp();
            await PostAsync(http, $"INSERT INTO {table} FORMAT RowBinary", body, ct);
            return ticks.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            await PostAsync(http, $"DROP TABLE IF EXISTS {table}", null, CancellationToken.None);
        }
    }

    private static async Task PostAsync(HttpClient http, string query, byte[]? data, CancellationToken ct)
    {
        using var content = data is null ? new ByteArrayContent(Encoding.UTF8.GetBytes(query)) : new ByteArrayContent(data);
        var uri = data is null ? "" : "?query=" + Uri.EscapeDataString(query);
        using var response = await http.PostAsync(uri, content, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"ClickHouse: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>
    /// symbol String, time DateTime64(3) as Int64 ms, seq Int32, bid/ask/last Int64 units, volume Float64, then the feed
    /// columns as the store writes them for rows from no feed: feed_id 0 and feed_seq 0 (eight bytes each).
    /// </summary>
    private static byte[] RowBinary(SequencedTick[] ticks)
    {
        var symbol = "BENCH"u8;
        var row = 1 + symbol.Length + 8 + 4 + 8 * 3 + 8 + 8 + 8; // the new array's zeros are the feed columns
        var buffer = new byte[row * ticks.Length];
        var span = buffer.AsSpan();
        foreach (var t in ticks)
        {
            span[0] = (byte)symbol.Length;
            symbol.CopyTo(span[1..]);
            var p = 1 + symbol.Length;
            BinaryPrimitives.WriteInt64LittleEndian(span[p..], t.Tick.TimeMs);
            BinaryPrimitives.WriteInt32LittleEndian(span[(p + 8)..], t.Seq);
            BinaryPrimitives.WriteInt64LittleEndian(span[(p + 12)..], t.Tick.Bid.Units);
            BinaryPrimitives.WriteInt64LittleEndian(span[(p + 20)..], t.Tick.Ask.Units);
            BinaryPrimitives.WriteInt64LittleEndian(span[(p + 28)..], t.Tick.Last.Units);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(p + 36)..], t.Tick.Volume);
            span = span[row..];
        }
        return buffer;
    }
}
