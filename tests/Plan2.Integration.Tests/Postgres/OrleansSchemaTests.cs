using Npgsql;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.Storage.Postgres;

namespace Plan2.Integration.Tests.Postgres;

/// <summary>Our schema setup against a real PostgreSQL, each test on a database of its own.</summary>
public sealed class OrleansSchemaTests() : DatabaseTest("schema")
{
    [Fact]
    public async Task Ensure_OnEmptyDatabase_CreatesVersionOneWithEveryQuery()
    {
        var result = await OrleansSchema.EnsureAsync(Db);

        Assert.Equal((0, OrleansSchema.CurrentVersion, OrleansQueries.All.Count), (result.VersionBefore, result.VersionAfter, result.QueriesChanged));
        var keys = await QueryListAsync("SELECT querykey FROM orleansquery ORDER BY querykey");
        Assert.Equal(OrleansQueries.All.Keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Ensure_RunTwice_ChangesNothing()
    {
        await OrleansSchema.EnsureAsync(Db);
        var before = await SnapshotAsync();

        var second = await OrleansSchema.EnsureAsync(Db);
        var after = await SnapshotAsync();

        Assert.Equal(0, second.QueriesChanged);
        Assert.Equal(OrleansSchema.CurrentVersion, second.VersionBefore);
        // xmin is the id of the transaction that last wrote a row: unchanged means not rewritten.
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Ensure_TwoSilosAtOnce_BothSucceed()
    {
        var results = await Task.WhenAll(OrleansSchema.EnsureAsync(Db), OrleansSchema.EnsureAsync(Db));

        Assert.Equal(OrleansQueries.All.Count, results.Sum(r => r.QueriesChanged));
    }

    [Fact]
    public async Task Ensure_RestoresAQuerySomebodyAltered()
    {
        await OrleansSchema.EnsureAsync(Db);
        await ExecuteAsync("UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'WriteToStorageKey'");

        var result = await OrleansSchema.EnsureAsync(Db);

        Assert.Equal(1, result.QueriesChanged);
        Assert.Equal([OrleansQueries.All["WriteToStorageKey"]],
            await QueryListAsync("SELECT querytext FROM orleansquery WHERE querykey = 'WriteToStorageKey'"));
    }

    [Fact]
    public async Task Ensure_DatabaseFromNewerBuild_IsRefused()
    {
        await OrleansSchema.EnsureAsync(Db);
        await ExecuteAsync("UPDATE plan2_schema_version SET version = 99");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => OrleansSchema.EnsureAsync(Db));
        Assert.Contains("newer", e.Message);
    }

    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        parts.AddRange(await QueryListAsync("""
            SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1
            """));
        parts.AddRange(await QueryListAsync("SELECT indexname || ':' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"));
        parts.AddRange(await QueryListAsync("SELECT querykey || ':' || xmin::text || ':' || md5(querytext) FROM orleansquery ORDER BY 1"));
        parts.AddRange(await QueryListAsync("SELECT component || ':' || version || ':' || xmin::text FROM plan2_schema_version ORDER BY 1"));
        return string.Join('\n', parts);
    }

    private async Task<List<string>> QueryListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
