using System.Diagnostics;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Plan2.Core.MarketData;
using Plan2.Storage.DuckDb;
using Plan2.Storage.Ticks;

namespace Plan2.Cli.Bench;

/// <summary>
/// rows_per_second written and read back through our tick store, per engine, beside the engine's own
/// fastest bulk path in the same run (DuckDB: its appender into a bare table), as a ratio.
/// </summary>
internal static class StoreBench
{
    public static async Task<BenchResult> RunAsync(int rows, CancellationToken ct)
    {
        var ticks = SyntheticTicks(rows);
        var result = new BenchResult("store").Add("rows", rows);
        result.Add("duckdb", await DuckDbAsync(ticks, ct));
        if (CliEnvironment.ClickHouse is { } clickHouse)
            result.Add("clickhouse", await ClickHouseBench.RunAsync(clickHouse, ticks, ct));
        else
            result.Add("clickhouse", "not measured: ConnectionStrings__ClickHouse is not set");
        return result;
    }

    internal static SequencedTick[] SyntheticTicks(int rows)
    {
        var random = new Random(7);
        var sequencer = new TickSequencer();
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var bid = 108_000_000L;
        var ticks = new SequencedTick[rows];
        for (var i = 0; i < rows; i++)
        {
            t += random.Next(0, 250); // 0 ms apart now and then: several ticks in one millisecond, as MT5 sends
            bid += random.Next(-1_000, 1_001);
            ticks[i] = sequencer.Next(new Tick(t, new Price(bid), new Price(bid + random.Next(500, 2_000))));
        }
        return ticks;
    }

    internal static async Task<(double Write, double Read)> MeasureStoreAsync(ITickStore store, SequencedTick[] ticks, CancellationToken ct)
    {
        const string symbol = "BENCH";
        const int batch = 100_000;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < ticks.Length; i += batch)
            await store.AppendTicksAsync(symbol, ticks.AsMemory(i, Math.Min(batch, ticks.Length - i)), ct);
        var write = ticks.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;

        start = Stopwatch.GetTimestamp();
        long read = 0;
        await foreach (var _ in store.ReadTicksAsync(symbol, ticks[0].Tick.TimeMs, ticks[^1].Tick.TimeMs + 1, ct))
            read++;
        var readRate = read / Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (read != ticks.Length)
            throw new InvalidOperationException($"Read back {read} rows of {ticks.Length}: the store lost rows.");
        return (write, readRate);
    }

    private static async Task<JsonObject> DuckDbAsync(SequencedTick[] ticks, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("plan2-bench-").FullName;
        try
        {
            double write, read;
            await using (var store = await DuckDbTickStore.OpenAsync(Path.Combine(dir, "store.duckdb"), ct))
                (write, read) = await MeasureStoreAsync(store, ticks, ct);
            var bulk = DuckDbBareAppender(Path.Combine(dir, "bare.duckdb"), ticks);
            return Figures(write, read, bulk, "DuckDB appender into a bare table, same columns, no replace step");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static JsonObject Figures(double write, double read, double bulk, string bulkPath) => new()
    {
        ["write_rows_per_second"] = Math.Round(write),
        ["read_rows_per_second"] = Math.Round(read),
        ["bulk_write_rows_per_second"] = Math.Round(bulk),
        ["write_ratio_to_bulk"] = Math.Round(write / bulk, 3),
        ["bulk_path"] = bulkPath,
    };

    private static double DuckDbBareAppender(string path, SequencedTick[] ticks)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "CREATE TABLE t (symbol VARCHAR, time TIMESTAMP, seq INTEGER, bid DECIMAL(18,8), ask DECIMAL(18,8), last DECIMAL(18,8), volume DOUBLE)";
            cmd.ExecuteNonQuery();
        }
        var start = Stopwatch.GetTimestamp();
        using (var appender = connection.CreateAppender("t"))
        {
            foreach (var t in ticks)
                appender.CreateRow().AppendValue("BENCH").AppendValue(DateTime.UnixEpoch.AddTicks(t.Tick.TimeMs * TimeSpan.TicksPerMillisecond))
                    .AppendValue(t.Seq).AppendValue(t.Tick.Bid.ToDecimal()).AppendValue(t.Tick.Ask.ToDecimal())
                    .AppendValue(t.Tick.Last.ToDecimal()).AppendValue(t.Tick.Volume).EndRow();
        }
        return ticks.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
