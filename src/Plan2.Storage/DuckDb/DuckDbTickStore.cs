using System.Data.Common;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.DuckDb;

/// <summary>
/// The embedded tick store: one DuckDB file, no server. Prices are DECIMAL(18,8) (exact, readable in
/// SQL); times are TIMESTAMP in UTC. DuckDB allows one writing process per file, so a second process
/// gets a clear "in use" error. Calls are serialised over one connection.
/// </summary>
public sealed class DuckDbTickStore : ITickStore
{
    private readonly DuckDBConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Per symbol, the last (time, seq) stored: a batch wholly after it is a pure append (the live and
    // import case) and skips the replace step, which otherwise costs a scan per batch.
    private readonly Dictionary<string, (long TimeMs, int Seq)> _highWater = new(StringComparer.Ordinal);

    private DuckDbTickStore(DuckDBConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Engine => "duckdb";
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store file and its tables.</summary>
    public static async Task<DuckDbTickStore> OpenAsync(string path, CancellationToken ct = default)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new DuckDBConnection($"Data Source={full}");
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            await connection.DisposeAsync();
            throw new IOException($"The tick store {full} is in use by another process (is the platform running?). {e.Message}", e);
        }
        var store = new DuckDbTickStore(connection, full);
        await store.ExecuteAsync(DuckDbSql.Threads(Environment.ProcessorCount), ct);
        await store.EnsureSchemaAsync(ct);
        return store;
    }

    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        await using var _ = await LockAsync(ct);
        await ExecuteAsync(DuckDbSql.Schema, ct);
    }

    public async Task<int> AppendTicksAsync(string symbol, ReadOnlyMemory<SequencedTick> ticks, CancellationToken ct = default)
    {
        if (ticks.IsEmpty) return 0;
        await AppendManyAsync([new TickRun(symbol, ticks)], [], ct);
        return ticks.Length;
    }

    public async Task<int> AppendCandlesAsync(string symbol, Timeframe timeframe, ReadOnlyMemory<Candle> candles, CancellationToken ct = default)
    {
        if (candles.IsEmpty) return 0;
        await AppendManyAsync([], [new CandleRun(symbol, timeframe, candles)], ct);
        return candles.Length;
    }

    /// <summary>Every run in one transaction: all of it is stored, or none of it (so a retry is exact). Runs that
    /// extend their symbol share one appender; a run that starts at or before what is stored replaces its range.</summary>
    public Task AppendManyAsync(IReadOnlyList<TickRun> ticks, IReadOnlyList<CandleRun> candles, CancellationToken ct = default) =>
        AppendManyAsync(ticks, candles, [], ct);

    /// <summary>As above, with the feed cursors in the same transaction: a cursor is stored exactly when its ticks are.</summary>
    public async Task AppendManyAsync(IReadOnlyList<TickRun> ticks, IReadOnlyList<CandleRun> candles, IReadOnlyList<FeedCursor> cursors,
        CancellationToken ct = default)
    {
        await using var _ = await LockAsync(ct);
        await using var tx = await _connection.BeginTransactionAsync(ct);
        // High-water marks move only once the transaction commits.
        var high = new Dictionary<string, (long TimeMs, int Seq)>(StringComparer.Ordinal);
        DuckDbTickAppender? appender = null;
        try
        {
            foreach (var run in ticks)
            {
                if (run.Ticks.IsEmpty) continue;
                var first = run.Ticks.Span[0];
                var last = run.Ticks.Span[^1];
                var mark = high.TryGetValue(run.Symbol, out var pending) ? pending : await HighWaterAsync(run.Symbol, ct);
                if ((first.Tick.TimeMs, first.Seq).CompareTo(mark) <= 0)
                {
                    // The delete must see what this transaction appended so far.
                    appender?.Close();
                    appender?.Dispose();
                    appender = null;
                    await ExecuteAsync(DuckDbSql.DeleteTickRange, ct,
                        ("symbol", run.Symbol), ("from_time", ToTimestamp(first.Tick.TimeMs)), ("from_seq", first.Seq),
                        ("to_time", ToTimestamp(last.Tick.TimeMs)), ("to_seq", last.Seq));
                }
                appender ??= new DuckDbTickAppender(_connection, "ticks");
                appender.Append(run.Symbol, run.Ticks.Span);
                high[run.Symbol] = (last.Tick.TimeMs, last.Seq).CompareTo(mark) > 0 ? (last.Tick.TimeMs, last.Seq) : mark;
            }
            appender?.Close();
        }
        finally
        {
            appender?.Dispose();
        }
        foreach (var run in candles)
            if (!run.Candles.IsEmpty)
                await ReplaceCandlesAsync(run, ct);
        foreach (var cursor in cursors)
            await ExecuteAsync(DuckDbSql.UpsertFeedCursor, ct, ("feed", cursor.Feed), ("symbol", cursor.Symbol), ("through", cursor.Through));
        await tx.CommitAsync(ct);
        foreach (var (symbol, mark) in high)
            _highWater[symbol] = mark;
    }

    public async Task<long> ReadFeedCursorAsync(string feed, string symbol, CancellationToken ct = default)
    {
        await using var _ = await LockAsync(ct);
        await using var cmd = Command(DuckDbSql.ReadFeedCursor, ("feed", feed), ("symbol", symbol));
        return await cmd.ExecuteScalarAsync(ct) is long through ? through : 0;
    }

    public async Task RetireOtherSessionsAsync(string feed, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        await using var _ = await LockAsync(ct);
        await ExecuteAsync(DuckDbSql.RetireOtherSessions, ct, ("terminal", FeedName.TerminalPrefix(feed)), ("feed", feed));
    }

    private async Task<(long TimeMs, int Seq)> HighWaterAsync(string symbol, CancellationToken ct)
    {
        if (_highWater.TryGetValue(symbol, out var known))
            return known;
        await using var cmd = Command(DuckDbSql.LastTick, ("symbol", symbol));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var high = await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? (ToMs(reader.GetDateTime(0)), reader.GetInt32(1)) : (long.MinValue, -1);
        _highWater[symbol] = high;
        return high;
    }

    private async Task ReplaceCandlesAsync(CandleRun run, CancellationToken ct)
    {
        var (symbol, timeframe, candles) = run;
        await ExecuteAsync(DuckDbSql.DeleteCandleRange, ct, ("symbol", symbol), ("timeframe", timeframe.ToString()),
            ("from_time", ToTimestamp(candles.Span[0].OpenTimeMs)), ("to_time", ToTimestamp(candles.Span[^1].OpenTimeMs)));
        using var appender = _connection.CreateAppender("candles");
        foreach (var c in candles.Span)
            appender.CreateRow()
                .AppendValue(symbol).AppendValue(timeframe.ToString()).AppendValue(ToTimestamp(c.OpenTimeMs))
                .AppendValue(c.Open.ToDecimal()).AppendValue(c.High.ToDecimal()).AppendValue(c.Low.ToDecimal())
                .AppendValue(c.Close.ToDecimal()).AppendValue(c.TickCount).AppendValue(c.Volume)
                .EndRow();
    }

    // Reads take the rows under the lock and hand them out after releasing it: a caller that consumes
    // slowly (a replay) must not hold up the writers, and one that writes while reading must not deadlock.
    public async IAsyncEnumerable<Tick> ReadTicksAsync(string symbol, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var ticks = new List<Tick>();
        await using (await LockAsync(ct))
        {
            await using var cmd = Command(DuckDbSql.ReadTicks, ("symbol", symbol), ("from_time", ToTimestamp(fromMs)), ("to_time", ToTimestamp(toMs)));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                ticks.Add(new Tick(ToMs(reader.GetDateTime(0)), Price.FromDecimal(reader.GetDecimal(1)), Price.FromDecimal(reader.GetDecimal(2)),
                    Price.FromDecimal(reader.GetDecimal(3)), reader.GetDouble(4)));
        }
        foreach (var tick in ticks)
            yield return tick;
    }

    public async IAsyncEnumerable<Candle> ReadCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var candles = new List<Candle>();
        await using (await LockAsync(ct))
        {
            await using var cmd = Command(DuckDbSql.ReadCandles, ("symbol", symbol), ("timeframe", timeframe.ToString()),
                ("from_time", ToTimestamp(fromMs)), ("to_time", ToTimestamp(toMs)));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                candles.Add(ReadCandle(reader));
        }
        foreach (var candle in candles)
            yield return candle;
    }

    public async Task<IReadOnlyList<Candle>> AggregateCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var _ = await LockAsync(ct);
        await using var cmd = Command(DuckDbSql.AggregateCandles, ("bucket_ms", timeframe.Milliseconds()), ("symbol", symbol),
            ("from_time", ToTimestamp(fromMs)), ("to_time", ToTimestamp(toMs)));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var candles = new List<Candle>();
        while (await reader.ReadAsync(ct))
            candles.Add(ReadCandle(reader));
        return candles;
    }

    public async Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default)
    {
        await using var _ = await LockAsync(ct);
        await using var cmd = Command(DuckDbSql.ListSeries);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var series = new List<SeriesInfo>();
        while (await reader.ReadAsync(ct))
        {
            Timeframe? tf = reader.IsDBNull(1) ? null : Enum.Parse<Timeframe>(reader.GetString(1));
            series.Add(new SeriesInfo(reader.GetString(0), tf, reader.GetInt64(2), ToMs(reader.GetDateTime(3)), ToMs(reader.GetDateTime(4))));
        }
        return series;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private static Candle ReadCandle(DbDataReader r) => new(ToMs(r.GetDateTime(0)),
        Price.FromDecimal(r.GetDecimal(1)), Price.FromDecimal(r.GetDecimal(2)), Price.FromDecimal(r.GetDecimal(3)),
        Price.FromDecimal(r.GetDecimal(4)), r.GetInt64(5), r.GetDouble(6));

    private static DateTime ToTimestamp(long ms) => DateTime.UnixEpoch.AddTicks(ms * TimeSpan.TicksPerMillisecond);

    private static long ToMs(DateTime t) => (t.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private DuckDBCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(new DuckDBParameter(name, value));
        return cmd;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = Command(sql, parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<Releaser> LockAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Releaser(_gate);
    }

    private readonly struct Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

