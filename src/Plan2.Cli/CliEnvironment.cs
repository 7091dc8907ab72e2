using Plan2.Storage.DuckDb;
using Plan2.Storage.Ticks;

namespace Plan2.Cli;

/// <summary>
/// Where the CLI's data goes, from the same variables the platform reads: ClickHouse when
/// ConnectionStrings__ClickHouse is set, otherwise the embedded DuckDB file under Plan2__DataDir.
/// </summary>
internal static class CliEnvironment
{
    public static string DataDir =>
        Environment.GetEnvironmentVariable("Plan2__DataDir") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "plan2");

    public static string? ClickHouse => Environment.GetEnvironmentVariable("ConnectionStrings__ClickHouse") is { Length: > 0 } cs ? cs : null;

    public static async Task<ITickStore> OpenStoreAsync(CancellationToken ct)
    {
        if (ClickHouse is { } connection)
        {
            var store = new Plan2.Storage.ClickHouse.ClickHouseTickStore(connection);
            await store.EnsureSchemaAsync(ct);
            return store;
        }
        return await DuckDbTickStore.OpenAsync(Path.Combine(DataDir, "market.duckdb"), ct);
    }

    public static string Describe(ITickStore store) =>
        store is DuckDbTickStore duck ? $"duckdb at {duck.Path}" : store.Engine;
}
