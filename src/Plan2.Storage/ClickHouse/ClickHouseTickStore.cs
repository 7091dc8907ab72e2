using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.ADO.Readers;
using ClickHouse.Driver.Compression;
using ClickHouse.Driver.Utility;
using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.ClickHouse;

/// <summary>
/// <see cref="ITickStore"/> on a ClickHouse server through ClickHouse.Driver (HTTP). Built from a
/// connection string ("Host=…;Port=8123;Username=…;Password=…;Database=…"). Appends are synchronous
/// RowBinary inserts in batches: when one returns, every batch was acknowledged by the server. Ticks, the
/// hot path, stream RowBinary encoded from the structs (measured about twice the rows/s of the driver's
/// per-row objects); candles, a few per minute, use the driver's typed InsertBinaryAsync.
/// </summary>
public sealed partial class ClickHouseTickStore : ITickStore
{
    public const string EngineName = "clickhouse";

    /// <summary>Rows per insert request. ClickHouse's own max_insert_block_size: one request makes one part
    /// (per month), and rows stream, so no batch is ever held in memory.</summary>
    public const int DefaultBatchSize = 1_000_000;

    /// <summary>
    /// ClickHouse's default max_insert_block_size: up to it an insert (into one month's partition) is one part, stored
    /// whole or not at all, which the feed sequence on each row relies on; a larger insert is split by the server.
    /// </summary>
    public const int MaxAtomicInsertRows = 1_048_449;

    private readonly ClickHouseClient _client;
    private readonly InsertOptions _insert;
    private readonly string _database;
    private readonly int _batchSize;
    private readonly bool _compress;
    // Feeds whose id → name row this store has written (or found): one registration per session, not per batch.
    private readonly ConcurrentDictionary<string, byte> _registeredFeeds = new(StringComparer.Ordinal);

    public ClickHouseTickStore(string connectionString, int batchSize = DefaultBatchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxAtomicInsertRows);
        var settings = new ClickHouseClientSettings(connectionString);
        _database = string.IsNullOrEmpty(settings.Database) ? "default" : settings.Database;
        _batchSize = batchSize;
        _compress = settings.UseCompression;
        _client = new ClickHouseClient(settings);
        _client.RegisterBinaryInsertType<CandleRow>();
        _insert = new InsertOptions
        {
            BatchSize = batchSize,
            // Compression=false in the connection string means a fast link: then skip compressing inserts too
            // (the driver would otherwise zstd them regardless).
            Compressor = _compress ? ZstdCompressor.Default : null,
            CustomSettings = new Dictionary<string, object>
            {
                // A server profile may turn async inserts on; an acknowledged append must already be stored.
                ["async_insert"] = 0,
                // A sparse history can span more than 100 monthly partitions in one batch: allow it.
                ["max_partitions_per_insert_block"] = 0,
            },
        };
    }

    public string Engine => EngineName;

    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        // Run against "default": a server refuses every query naming a database that does not exist yet.
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.CreateDatabase, Parameters(("db", _database)),
            new QueryOptions { Database = "default" }, ct).ConfigureAwait(false);
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.CreateTicks, null, null, ct).ConfigureAwait(false);
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.CreateFeedIds, null, null, ct).ConfigureAwait(false);
        await MigrateFeedNamesAsync(ct).ConfigureAwait(false);
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.AddFeedColumns, null, null, ct).ConfigureAwait(false);
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.CreateCandles, null, null, ct).ConfigureAwait(false);
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.CreateFeedCursors, null, null, ct).ConfigureAwait(false);
    }

    // A ticks table that stored feed names on its rows (and no ids yet) gets the id column computed from them.
    private async Task MigrateFeedNamesAsync(CancellationToken ct)
    {
        var columns = new HashSet<string>();
        using (var reader = await _client.ExecuteReaderAsync(ClickHouseSchema.TicksFeedColumns, null, null, ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                columns.Add(reader.GetString(0));
        if (!columns.Contains("feed") || columns.Contains("feed_id"))
            return;
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.MapLegacyFeeds, null, null, ct).ConfigureAwait(false);
        await _client.ExecuteNonQueryAsync(ClickHouseSchema.MigrateLegacyFeeds, null, null, ct).ConfigureAwait(false);
    }

    /// <summary>Streams RowBinary written straight from the structs, one insert (one new part) per batch. If a
    /// batch fails, earlier batches stay stored; appending the same ticks again is safe (they replace).</summary>
    public async Task<int> AppendTicksAsync(string symbol, ReadOnlyMemory<SequencedTick> ticks, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        await AppendManyAsync([new TickRun(symbol, ticks)], [], ct).ConfigureAwait(false);
        return ticks.Length;
    }

    public async Task<int> AppendCandlesAsync(string symbol, Timeframe timeframe, ReadOnlyMemory<Candle> candles, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        await AppendManyAsync([], [new CandleRun(symbol, timeframe, candles)], ct).ConfigureAwait(false);
        return candles.Length;
    }

    /// <summary>All tick runs in as few inserts as the batch size and the months allow (each insert makes one part and one
    /// fsync, measured ~20 ms through the engine however small), then all candles in one insert. An insert never spans two
    /// months (partitions): one insert, one part, stored whole or not at all, and in order, so the feed positions on the
    /// stored rows never claim a tick that is not stored.</summary>
    public Task AppendManyAsync(IReadOnlyList<TickRun> ticks, IReadOnlyList<CandleRun> candles, CancellationToken ct = default) =>
        AppendManyAsync(ticks, candles, [], ct);

    /// <summary>As above, then the feed cursors in one insert, after their ticks are stored (never ahead of them).</summary>
    public async Task AppendManyAsync(IReadOnlyList<TickRun> ticks, IReadOnlyList<CandleRun> candles, IReadOnlyList<FeedCursor> cursors,
        CancellationToken ct = default)
    {
        foreach (var run in ticks)
            ArgumentException.ThrowIfNullOrEmpty(run.Symbol, nameof(ticks));
        foreach (var run in candles)
        {
            ArgumentException.ThrowIfNullOrEmpty(run.Symbol, nameof(candles));
            if (!Enum.IsDefined(run.Timeframe))
                throw new ArgumentOutOfRangeException(nameof(candles), run.Timeframe, "Unknown timeframe.");
        }
        await RegisterFeedsAsync(ticks, ct).ConfigureAwait(false);
        foreach (var request in TickRowBinary.Requests(ticks, _batchSize))
        {
            using var response = await _client.PostStreamAsync(TickRowBinary.InsertSql,
                (body, token) => WriteTicksAsync(body, request, token), _compress, ct, _insert).ConfigureAwait(false);
        }
        if (candles.Any(c => !c.Candles.IsEmpty))
            await _client.InsertBinaryAsync(ClickHouseSchema.Candles, candles.SelectMany(CandleRows), _insert, ct).ConfigureAwait(false);
        if (cursors.Count > 0)
        {
            var parameters = new ClickHouseParameterCollection();
            for (var i = 0; i < cursors.Count; i++)
            {
                parameters.AddParameter($"f{i}", cursors[i].Feed);
                parameters.AddParameter($"s{i}", cursors[i].Symbol);
                parameters.AddParameter($"t{i}", cursors[i].Through);
            }
            await _client.ExecuteNonQueryAsync(ClickHouseQueries.InsertFeedCursors(cursors.Count), parameters, null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the id → name rows of feeds this store has not written yet, before any row carries their ids (one query and
    /// one insert per new session, not per batch). Refuses a feed whose id another name already holds: resuming it
    /// would read the other feed's positions.
    /// </summary>
    private async Task RegisterFeedsAsync(IReadOnlyList<TickRun> ticks, CancellationToken ct)
    {
        List<(ulong Id, string Feed)>? fresh = null;
        foreach (var run in ticks)
            if (run.Feed.Length > 0 && !_registeredFeeds.ContainsKey(run.Feed) && !(fresh?.Exists(f => f.Feed == run.Feed) ?? false))
                (fresh ??= []).Add((FeedIds.Of(run.Feed), run.Feed));
        if (fresh is null)
            return;
        var parameters = new ClickHouseParameterCollection();
        for (var i = 0; i < fresh.Count; i++)
        {
            parameters.AddParameter($"i{i}", fresh[i].Id);
            parameters.AddParameter($"f{i}", fresh[i].Feed);
        }
        using (var reader = await _client.ExecuteReaderAsync(ClickHouseQueries.OtherNamesOfFeedIds(fresh.Count), parameters, null, ct).ConfigureAwait(false))
            if (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var (id, other) = (reader.GetFieldValue<ulong>(0), reader.GetString(1));
                var feed = fresh.First(f => f.Id == id).Feed;
                throw new InvalidOperationException(
                    $"Feed '{feed}' has the id {id} that feed '{other}' already holds in {ClickHouseSchema.FeedIdsTable}: refusing to store its ticks " +
                    "(its resume position would mix with the other feed's). Start the terminal with another session name.");
            }
        await _client.ExecuteNonQueryAsync(ClickHouseQueries.InsertFeedIds(fresh.Count), parameters, null, ct).ConfigureAwait(false);
        foreach (var (_, feed) in fresh)
            _registeredFeeds.TryAdd(feed, 0);
    }

    public async Task<long> ReadFeedCursorAsync(string feed, string symbol, CancellationToken ct = default)
    {
        using var reader = await _client.ExecuteReaderAsync(ClickHouseQueries.ReadFeedCursor,
                Parameters(("feed", feed), ("symbol", symbol), ("feed_id", FeedIds.Of(feed))), null, ct)
            .ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : 0;
    }

    public async Task RetireOtherSessionsAsync(string feed, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        await _client.ExecuteNonQueryAsync(ClickHouseQueries.RetireOtherSessions,
            Parameters(("terminal", FeedName.TerminalPrefix(feed)), ("feed", feed)), null, ct).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Tick> ReadTicksAsync(string symbol, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var parameters = Parameters(("symbol", symbol), ("from", fromMs), ("to", toMs));
        using var reader = await _client.ExecuteReaderAsync(ClickHouseQueries.ReadTicks, parameters, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return new Tick(reader.GetInt64(0), new Price(reader.GetInt64(1)), new Price(reader.GetInt64(2)),
                new Price(reader.GetInt64(3)), reader.GetDouble(4));
        }
    }

    public async IAsyncEnumerable<Candle> ReadCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var parameters = Parameters(("symbol", symbol), ("timeframe", (ushort)timeframe), ("from", fromMs), ("to", toMs));
        using var reader = await _client.ExecuteReaderAsync(ClickHouseQueries.ReadCandles, parameters, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            yield return ReadCandle(reader);
    }

    public async Task<IReadOnlyList<Candle>> AggregateCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, CancellationToken ct = default)
    {
        var parameters = Parameters(("symbol", symbol), ("bucket", timeframe.Milliseconds()), ("from", fromMs), ("to", toMs));
        using var reader = await _client.ExecuteReaderAsync(ClickHouseQueries.AggregateCandles, parameters, null, ct).ConfigureAwait(false);
        var candles = new List<Candle>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            candles.Add(ReadCandle(reader));
        return candles;
    }

    public async Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default)
    {
        using var reader = await _client.ExecuteReaderAsync(ClickHouseQueries.ListSeries, null, null, ct).ConfigureAwait(false);
        var series = new List<SeriesInfo>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var minutes = reader.GetFieldValue<ushort>(1);
            series.Add(new SeriesInfo(reader.GetString(0), minutes == 0 ? null : (Timeframe)minutes,
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }
        return series;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WriteTicksAsync(Stream body, IReadOnlyList<TickRun> runs, CancellationToken ct)
    {
        if (!_compress)
        {
            await TickRowBinary.WriteAsync(body, runs, ct).ConfigureAwait(false);
            return;
        }
        // Fastest gzip: ticks compress well even so, and this keeps compression off the critical path.
        await using var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
        await TickRowBinary.WriteAsync(gzip, runs, ct).ConfigureAwait(false);
    }

    private static Candle ReadCandle(ClickHouseDataReader reader) =>
        new(reader.GetInt64(0), new Price(reader.GetInt64(1)), new Price(reader.GetInt64(2)), new Price(reader.GetInt64(3)),
            new Price(reader.GetInt64(4)), reader.GetInt64(5), reader.GetDouble(6));

    private static ClickHouseParameterCollection Parameters(params (string Name, object Value)[] values)
    {
        var parameters = new ClickHouseParameterCollection();
        foreach (var (name, value) in values)
            parameters.AddParameter(name, value);
        return parameters;
    }
}
