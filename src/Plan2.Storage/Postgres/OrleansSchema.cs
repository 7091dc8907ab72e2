using Npgsql;

namespace Plan2.Storage.Postgres;

/// <summary>
/// Creates and upgrades what Orleans' ADO.NET providers need in PostgreSQL. Idempotent: it creates
/// only what is absent and rewrites a stored query only when its text differs, under an advisory
/// lock so that two silos starting together do not race.
/// </summary>
public static class OrleansSchema
{
    public const int CurrentVersion = 1;
    private const string Component = "orleans";
    private const long AdvisoryLockKey = 0x504C414E32_4F52; // "PLAN2" "OR"

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; returns what it changed.</summary>
    public static async Task<SchemaSetupResult> EnsureAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);

        var before = await ReadVersionAsync(connection, tx, ct);
        if (before > CurrentVersion)
            throw new InvalidOperationException(
                $"The database holds Orleans schema version {before}, newer than this build's {CurrentVersion}: upgrade the application.");

        await ExecuteAsync(connection, tx, ReadScript("orleans-v1.sql"), ct);
        var queriesChanged = 0;
        foreach (var (key, text) in OrleansQueries.All)
            queriesChanged += await UpsertQueryAsync(connection, tx, key, text, ct);
        if (before < CurrentVersion)
            await RecordVersionAsync(connection, tx, ct);

        await tx.CommitAsync(ct);
        return new SchemaSetupResult(before, CurrentVersion, queriesChanged);
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('plan2_schema_version') IS NOT NULL", c, tx);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            return 0;
        await using var cmd = new NpgsqlCommand("SELECT version FROM plan2_schema_version WHERE component = @c", c, tx);
        cmd.Parameters.AddWithValue("c", Component);
        return await cmd.ExecuteScalarAsync(ct) is int v ? v : 0;
    }

    private static async Task<int> UpsertQueryAsync(NpgsqlConnection c, NpgsqlTransaction tx, string key, string text, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO orleansquery (querykey, querytext) VALUES (@k, @t)
            ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext
            WHERE orleansquery.querytext IS DISTINCT FROM EXCLUDED.querytext
            """, c, tx);
        cmd.Parameters.AddWithValue("k", key);
        cmd.Parameters.AddWithValue("t", text);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task RecordVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO plan2_schema_version (component, version) VALUES (@c, @v)
            ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
            """, c, tx);
        cmd.Parameters.AddWithValue("c", Component);
        cmd.Parameters.AddWithValue("v", CurrentVersion);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string ReadScript(string name)
    {
        var assembly = typeof(OrleansSchema).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}

/// <summary>What one run of the setup found and did.</summary>
public sealed record SchemaSetupResult(int VersionBefore, int VersionAfter, int QueriesChanged);
