using Npgsql;
using NpgsqlTypes;

namespace Plan2.Storage.Orders;

/// <summary>
/// The order journal in PostgreSQL with a group commit; an append to one stream is one row
/// (<see cref="OrderLogEncoding"/>), so an order's placement and fill cost one tuple per index, not four. An append that finds no commit in flight
/// commits at once on its own call path (no hand-over to another thread: an order alone pays one
/// commit and nothing else); appends arriving while a commit is in flight queue up, and when it ends
/// everything queued is inserted as one statement (one transaction, one fsync) by a drain that runs
/// until the queue is empty. If a group fails (a duplicate sequence from a second writer of one
/// stream), each append in it is retried alone, so one bad append never fails the others.
/// </summary>
public sealed class PostgresOrderLog : IAsyncDisposable
{
    private const int MaxRowsPerCommit = 2_000;
    // One row (an order alone: the usual case) goes as plain values; a group as arrays. unnest cost the server a third more
    // than VALUES for one row (array parameters to decode, a set-returning scan), measured 2026-12-05.
    private const string InsertOneSql = """
        INSERT INTO plan2_order_events (tenant, account_id, stream_id, seq, at, kind, payload, more)
        VALUES (@t, @a, @s, @q, @at, @k, @p, @m)
        """;
    private const string InsertManySql = """
        INSERT INTO plan2_order_events (tenant, account_id, stream_id, seq, at, kind, payload, more)
        SELECT * FROM unnest(@t, @a, @s, @q, @at, @k, @p, @m)
        """;
    // Each row, then the entries in its "more" (numbered on from the row's own sequence).
    private const string ReadColumns = "e.tenant, e.account_id, e.stream_id, e.seq + x.n, x.at, x.kind, x.payload";
    private const string ReadSql = "SELECT " + ReadColumns + ReadFrom;
    private const string ReadWithIdSql = "SELECT e.id, " + ReadColumns + ReadFrom; // the journal position too
    private const string ReadFrom = """

        FROM plan2_order_events e CROSS JOIN LATERAL (
            SELECT 0 AS n, e.at, e.kind, e.payload
            UNION ALL
            SELECT m.n::int, (m.v->>'at')::timestamptz, m.v->>'kind', (m.v->'payload')::text
            FROM jsonb_array_elements(e.more::jsonb) WITH ORDINALITY AS m(v, n)) x
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _gate = new();
    private readonly Queue<PendingAppend> _queue = new();
    private bool _writing; // a commit is in flight; whoever set it owns the connection
    private bool _disposed;
    private Task _drain = Task.CompletedTask;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _insertOne, _insertMany; // prepared on _connection

    public PostgresOrderLog(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Completes once the rows are committed; all or none of them.</summary>
    public async Task AppendAsync(IReadOnlyList<OrderLogRow> rows)
    {
        if (rows.Count == 0)
            return;
        PendingAppend? queued = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writing)
                _queue.Enqueue(queued = new PendingAppend(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
            else
                _writing = true;
        }
        if (queued is not null)
        {
            await queued.Done.Task;
            return;
        }
        try
        {
            await InsertAsync([rows]);
        }
        finally
        {
            HandOver();
        }
    }

    /// <summary>Called by the owner of the connection when its commit is done: drain what queued meanwhile, or release.</summary>
    private void HandOver()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _writing = false;
                return;
            }
            _drain = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        var group = new List<PendingAppend>();
        while (true)
        {
            group.Clear();
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                for (var rows = 0; rows < MaxRowsPerCommit && _queue.TryDequeue(out var next); rows += next.Rows.Count)
                    group.Add(next);
            }
            try
            {
                await InsertAsync(group.Select(p => p.Rows).ToList());
                foreach (var p in group) p.Done.TrySetResult();
            }
            catch (Exception e)
            {
                if (group.Count == 1)
                    group[0].Done.TrySetException(e);
                else
                    foreach (var p in group) await InsertAloneAsync(p);
            }
        }
    }

    private async Task InsertAloneAsync(PendingAppend pending)
    {
        try
        {
            await InsertAsync([pending.Rows]);
            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    public Task<IReadOnlyList<OrderLogRow>> ReadStreamAsync(string tenant, string streamId, CancellationToken ct = default) =>
        ReadAsync("WHERE e.tenant = @t AND e.stream_id = @k ORDER BY e.seq + x.n", tenant, streamId, ct);

    public Task<IReadOnlyList<OrderLogRow>> ReadAccountAsync(string tenant, string accountId, CancellationToken ct = default) =>
        ReadAsync("WHERE e.tenant = @t AND e.account_id = @k ORDER BY e.id, x.n", tenant, accountId, ct);

    /// <summary>
    /// An account's entries in rows after <paramref name="afterId"/> (the row id: an account snapshot's position), each with
    /// its row's id, in append order. The index on (tenant, account, id) makes this a read of the tail alone.
    /// </summary>
    public Task<IReadOnlyList<(OrderLogRow Row, long Id)>> ReadAccountAfterAsync(string tenant, string accountId, long afterId, CancellationToken ct = default) =>
        RetriedOnceAsync(() => ReadAfterOnceAsync(tenant, accountId, afterId, ct));

    /// <summary>
    /// Each row of an account after <paramref name="afterId"/>: its id, stream, first and last sequence (the row's own plus
    /// its "more") and stamp, without the entries: an account checks its books against these before a snapshot.
    /// </summary>
    public Task<IReadOnlyList<(long Id, string StreamId, int FirstSequence, int LastSequence, DateTimeOffset At)>> ReadAccountMarksAfterAsync(
        string tenant, string accountId, long afterId, CancellationToken ct = default) =>
        RetriedOnceAsync(() => ReadMarksOnceAsync(tenant, accountId, afterId, ct));

    private async Task<IReadOnlyList<(long, string, int, int, DateTimeOffset)>> ReadMarksOnceAsync(string tenant, string accountId, long afterId, CancellationToken ct)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT id, stream_id, seq, seq + coalesce(jsonb_array_length(more::jsonb), 0), at FROM plan2_order_events
            WHERE tenant = @t AND account_id = @k AND id > @after ORDER BY id
            """);
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("k", accountId);
        cmd.Parameters.AddWithValue("after", afterId);
        var marks = new List<(long, string, int, int, DateTimeOffset)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            marks.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero)));
        return marks;
    }

    private async Task<IReadOnlyList<(OrderLogRow Row, long Id)>> ReadAfterOnceAsync(string tenant, string accountId, long afterId, CancellationToken ct)
    {
        await using var cmd = _dataSource.CreateCommand(ReadWithIdSql + "\nWHERE e.tenant = @t AND e.account_id = @k AND e.id > @after ORDER BY e.id, x.n");
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("k", accountId);
        cmd.Parameters.AddWithValue("after", afterId);
        var rows = new List<(OrderLogRow, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add((new OrderLogRow(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero), reader.GetString(6), reader.GetString(7)), reader.GetInt64(0)));
        return rows;
    }

    private Task<IReadOnlyList<OrderLogRow>> ReadAsync(string where, string tenant, string key, CancellationToken ct) =>
        RetriedOnceAsync(() => ReadOnceAsync(where, tenant, key, ct));

    /// <summary>A read, once more on a fresh connection if a restart broke every pooled one (reads are safe to repeat).</summary>
    private async Task<T> RetriedOnceAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (NpgsqlException e) when (IsBrokenConnection(e))
        {
            _dataSource.Clear();
            return await read();
        }
    }

    private async Task<IReadOnlyList<OrderLogRow>> ReadOnceAsync(string where, string tenant, string key, CancellationToken ct)
    {
        await using var cmd = _dataSource.CreateCommand(ReadSql + "\n" + where);
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("k", key);
        var rows = new List<OrderLogRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new OrderLogRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.GetString(5), reader.GetString(6)));
        return rows;
    }

    /// <summary>
    /// One statement on the writer's own connection, prepared once (parse and plan are paid once, not per
    /// commit). Any failure drops the connection. A kept connection that a database restart broke fails
    /// before the statement reaches the server, so that one case is tried once more on a fresh connection;
    /// if the first try did commit after all, the retry hits the unique sequence and fails, never doubles.
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<IReadOnlyList<OrderLogRow>> appends)
    {
        var reused = _connection is not null;
        try
        {
            await InsertOnceAsync(appends);
        }
        catch (NpgsqlException e) when (reused && IsBrokenConnection(e))
        {
            await InsertOnceAsync(appends);
        }
    }

    /// <summary>The socket was gone, or the server said it was shutting down (57P01-03): the statement never ran.</summary>
    private static bool IsBrokenConnection(NpgsqlException e) =>
        e is not PostgresException pg || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);

    private async Task InsertOnceAsync(IReadOnlyList<IReadOnlyList<OrderLogRow>> appends)
    {
        try
        {
            var rows = OrderLogEncoding.Rows(appends);
            var insert = rows.Count == 1 ? await InsertOneAsync(rows[0]) : await InsertManyAsync(rows);
            await insert.ExecuteNonQueryAsync(); // one statement outside a transaction block: one commit
        }
        catch
        {
            await ResetAsync();
            throw;
        }
    }

    private async Task<NpgsqlCommand> InsertOneAsync(OrderLogEncoding.StoredRow row)
    {
        var cmd = _insertOne ??= await PrepareAsync(InsertOneSql, array: false);
        var (r, p) = (row.First, cmd.Parameters);
        ((NpgsqlParameter<string>)p[0]).TypedValue = r.Tenant;
        ((NpgsqlParameter<string>)p[1]).TypedValue = r.AccountId;
        ((NpgsqlParameter<string>)p[2]).TypedValue = r.StreamId;
        ((NpgsqlParameter<int>)p[3]).TypedValue = r.Sequence;
        ((NpgsqlParameter<DateTime>)p[4]).TypedValue = r.At.UtcDateTime;
        ((NpgsqlParameter<string>)p[5]).TypedValue = r.Kind;
        ((NpgsqlParameter<string>)p[6]).TypedValue = r.Payload;
        p[7].Value = (object?)row.More ?? DBNull.Value;
        return cmd;
    }

    private async Task<NpgsqlCommand> InsertManyAsync(IReadOnlyList<OrderLogEncoding.StoredRow> rows)
    {
        var cmd = _insertMany ??= await PrepareAsync(InsertManySql, array: true);
        Fill(cmd.Parameters, rows);
        return cmd;
    }

    /// <summary>Prepared once on the writer's connection (parse and plan are paid once, not per commit).</summary>
    private async Task<NpgsqlCommand> PrepareAsync(string sql, bool array)
    {
        _connection ??= await _dataSource.OpenConnectionAsync();
        var cmd = new NpgsqlCommand(sql, _connection);
        var p = cmd.Parameters;
        if (array)
        {
            p.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string[]>("a", NpgsqlDbType.Array | NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string[]>("s", NpgsqlDbType.Array | NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<int[]>("q", NpgsqlDbType.Array | NpgsqlDbType.Integer));
            p.Add(new NpgsqlParameter<DateTime[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
            p.Add(new NpgsqlParameter<string[]>("k", NpgsqlDbType.Array | NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string[]>("p", NpgsqlDbType.Array | NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string?[]>("m", NpgsqlDbType.Array | NpgsqlDbType.Text));
            Fill(p, []);
        }
        else
        {
            p.Add(new NpgsqlParameter<string>("t", NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string>("a", NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string>("s", NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<int>("q", NpgsqlDbType.Integer));
            p.Add(new NpgsqlParameter<DateTime>("at", NpgsqlDbType.TimestampTz));
            p.Add(new NpgsqlParameter<string>("k", NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter<string>("p", NpgsqlDbType.Text));
            p.Add(new NpgsqlParameter("m", NpgsqlDbType.Text) { Value = DBNull.Value });
        }
        await cmd.PrepareAsync();
        return cmd;
    }

    private static void Fill(NpgsqlParameterCollection p, IReadOnlyList<OrderLogEncoding.StoredRow> rows)
    {
        int n = rows.Count;
        string[] tenants = new string[n], accounts = new string[n], streams = new string[n], kinds = new string[n], payloads = new string[n];
        var more = new string?[n];
        var seqs = new int[n];
        var times = new DateTime[n];
        for (var i = 0; i < n; i++)
        {
            var r = rows[i].First;
            (tenants[i], accounts[i], streams[i], seqs[i], times[i], kinds[i], payloads[i], more[i]) =
                (r.Tenant, r.AccountId, r.StreamId, r.Sequence, r.At.UtcDateTime, r.Kind, r.Payload, rows[i].More);
        }
        ((NpgsqlParameter<string[]>)p[0]).TypedValue = tenants;
        ((NpgsqlParameter<string[]>)p[1]).TypedValue = accounts;
        ((NpgsqlParameter<string[]>)p[2]).TypedValue = streams;
        ((NpgsqlParameter<int[]>)p[3]).TypedValue = seqs;
        ((NpgsqlParameter<DateTime[]>)p[4]).TypedValue = times;
        ((NpgsqlParameter<string[]>)p[5]).TypedValue = kinds;
        ((NpgsqlParameter<string[]>)p[6]).TypedValue = payloads;
        ((NpgsqlParameter<string?[]>)p[7]).TypedValue = more;
    }

    private async Task ResetAsync()
    {
        if (_insertOne is not null) await _insertOne.DisposeAsync();
        if (_insertMany is not null) await _insertMany.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        (_insertOne, _insertMany, _connection) = (null, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _disposed = true;
        while (true)
        {
            Task drain;
            lock (_gate)
            {
                if (!_writing) break;
                drain = _drain;
            }
            await drain; // a leader still committing finishes on its own within one commit
            await Task.Delay(1);
        }
        await ResetAsync();
        await _dataSource.DisposeAsync();
    }

    private sealed record PendingAppend(IReadOnlyList<OrderLogRow> Rows, TaskCompletionSource Done);
}
