using Npgsql;
using NpgsqlTypes;

namespace Plan2.Storage.Orders;

/// <summary>
/// Account snapshots in PostgreSQL (plan2_account_snapshots, created with the order journal's schema): one row per
/// account, replaced only by a snapshot covering a later journal position, so two activations racing never go back; a
/// newer format replaces an older one, never the reverse, so silos of two versions in a rolling deploy do not take turns
/// overwriting each other's snapshot (the older silo, not reading the newer format, replays its journal instead).
/// </summary>
public sealed class PostgresAccountSnapshots(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<(int Format, long Position, string State)?> LoadAsync(string tenant, string accountId, CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT format, position, state FROM plan2_account_snapshots WHERE tenant = @t AND account_id = @a");
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("a", accountId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return (reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2));
    }

    public async Task SaveAsync(string tenant, string accountId, int format, long position, string state, CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO plan2_account_snapshots (tenant, account_id, format, position, state) VALUES (@t, @a, @f, @p, @s)
            ON CONFLICT (tenant, account_id) DO UPDATE SET format = EXCLUDED.format, position = EXCLUDED.position, state = EXCLUDED.state, stored_at = now()
            WHERE (plan2_account_snapshots.position < EXCLUDED.position AND plan2_account_snapshots.format <= EXCLUDED.format)
               OR plan2_account_snapshots.format < EXCLUDED.format
            """);
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("a", accountId);
        cmd.Parameters.AddWithValue("f", format);
        cmd.Parameters.AddWithValue("p", position);
        cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Text) { Value = state }); // text since schema version 4
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
