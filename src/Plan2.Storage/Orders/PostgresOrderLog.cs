using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Plan2.Storage.Orders;

/// <summary>
/// The order journal in PostgreSQL with a group commit: appends from every grain of the silo queue up,
/// and one writer loop inserts everything queued meanwhile as one statement (one transaction, one
/// fsync), then completes each append. Under load many orders share a commit; alone an order pays one.
/// If a group fails (a duplicate sequence from a second writer of one stream), each append in it is
/// retried alone, so one bad append never fails the others.
/// </summary>
public sealed class PostgresOrderLog : IAsyncDisposable
{
    private const int MaxRowsPerCommit = 2_000;
    private const string InsertSql = """
        INSERT INTO plan2_order_events (tenant, account_id, stream_id, seq, at, kind, payload)
        SELECT * FROM unnest(@t, @a, @s, @q, @at, @k, @p)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly Task _writer;

    public PostgresOrderLog(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the rows are committed; all or none of them.</summary>
    public Task AppendAsync(IReadOnlyList<OrderLogRow> rows)
    {
        if (rows.Count == 0)
            return Task.CompletedTask;
        var pending = new PendingAppend(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(PostgresOrderLog), "The order log is closed.");
        return pending.Done.Task;
    }

    public Task<IReadOnlyList<OrderLogRow>> ReadStreamAsync(string tenant, string streamId, CancellationToken ct = default) =>
        ReadAsync("WHERE tenant = @t AND stream_id = @k ORDER BY seq", tenant, streamId, ct);

    public Task<IReadOnlyList<OrderLogRow>> ReadAccountAsync(string tenant, string accountId, CancellationToken ct = default) =>
        ReadAsync("WHERE tenant = @t AND account_id = @k ORDER BY id", tenant, accountId, ct);

    private async Task<IReadOnlyList<OrderLogRow>> ReadAsync(string where, string tenant, string key, CancellationToken ct)
    {
        await using var cmd = _dataSource.CreateCommand(
            "SELECT tenant, account_id, stream_id, seq, at, kind, payload::text FROM plan2_order_events " + where);
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("k", key);
        var rows = new List<OrderLogRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new OrderLogRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.GetString(5), reader.GetString(6)));
        return rows;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var rows = 0;
            while (rows < MaxRowsPerCommit && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                rows += next.Rows.Count;
            }
            try
            {
                await InsertAsync(group);
                foreach (var p in group) p.Done.TrySetResult();
            }
            catch (Exception) when (group.Count > 1)
            {
                foreach (var p in group) await InsertAloneAsync(p);
            }
            catch (Exception e)
            {
                group[0].Done.TrySetException(e);
            }
        }
    }

    private async Task InsertAloneAsync(PendingAppend pending)
    {
        try
        {
            await InsertAsync([pending]);
            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private async Task InsertAsync(List<PendingAppend> group)
    {
        var rows = group.SelectMany(p => p.Rows).ToList();
        await using var cmd = _dataSource.CreateCommand(InsertSql);
        cmd.Parameters.Add(Array("t", NpgsqlDbType.Text, rows.Select(r => r.Tenant)));
        cmd.Parameters.Add(Array("a", NpgsqlDbType.Text, rows.Select(r => r.AccountId)));
        cmd.Parameters.Add(Array("s", NpgsqlDbType.Text, rows.Select(r => r.StreamId)));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = rows.Select(r => r.Sequence).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = rows.Select(r => r.At.UtcDateTime).ToArray() });
        cmd.Parameters.Add(Array("k", NpgsqlDbType.Text, rows.Select(r => r.Kind)));
        cmd.Parameters.Add(Array("p", NpgsqlDbType.Jsonb, rows.Select(r => r.Payload)));
        await cmd.ExecuteNonQueryAsync(); // one statement outside a transaction block: one commit
    }

    private static NpgsqlParameter<string[]> Array(string name, NpgsqlDbType type, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | type) { TypedValue = values.ToArray() };

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _dataSource.DisposeAsync();
    }

    private sealed record PendingAppend(IReadOnlyList<OrderLogRow> Rows, TaskCompletionSource Done);
}
