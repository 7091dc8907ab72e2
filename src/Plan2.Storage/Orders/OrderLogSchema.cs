using Npgsql;

namespace Plan2.Storage.Orders;

/// <summary>
/// Creates the order journal's table in PostgreSQL (versioned in plan2_schema_version as component
/// "order-log"). Idempotent, under an advisory lock so that silos starting together do not race.
/// </summary>
public static class OrderLogSchema
{
    public const int CurrentVersion = 4;
    private const string Component = "order-log";
    private const long AdvisoryLockKey = 0x504C414E32_4F4C; // "PLAN2" "OL"

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; returns the version found before.</summary>
    public static async Task<int> EnsureAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        await ExecuteAsync(connection, tx, ReadScript("order-log-v1.sql"), ct);
        await ExecuteAsync(connection, tx, ReadScript("order-log-v2.sql"), ct);
        await ExecuteAsync(connection, tx, ReadScript("order-log-v3.sql"), ct);
        await ExecuteAsync(connection, tx, ReadScript("order-log-v4.sql"), ct);
        await using var read = new NpgsqlCommand("SELECT version FROM plan2_schema_version WHERE component = @c", connection, tx);
        read.Parameters.AddWithValue("c", Component);
        var before = await read.ExecuteScalarAsync(ct) is int v ? v : 0;
        if (before > CurrentVersion)
            throw new InvalidOperationException($"The database holds order-log schema version {before}, newer than this build's {CurrentVersion}: upgrade the application.");
        if (before < CurrentVersion)
        {
            await using var write = new NpgsqlCommand("""
                INSERT INTO plan2_schema_version (component, version) VALUES (@c, @v)
                ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
                """, connection, tx);
            write.Parameters.AddWithValue("c", Component);
            write.Parameters.AddWithValue("v", CurrentVersion);
            await write.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return before;
    }

    private static async Task ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string ReadScript(string name)
    {
        var assembly = typeof(OrderLogSchema).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
