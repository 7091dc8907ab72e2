using Npgsql;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>The real services test.sh starts; a clear failure when a test runs without them.</summary>
public static class TestServices
{
    public static string Postgres => Require("PLAN2_TEST_POSTGRES");
    public static string Redis => Require("PLAN2_TEST_REDIS");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts PostgreSQL and Redis.");

    /// <summary>A fresh, empty database for one test class; dropped again by <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "plan2_test_" + Guid.NewGuid().ToString("n")[..12];
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
