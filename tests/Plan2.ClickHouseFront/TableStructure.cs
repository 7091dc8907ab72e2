using System.Text;

namespace Plan2.ClickHouseFront;

/// <summary>The structure argument of file() for an insert: the target's columns, in the order the insert
/// names them, with the types the table declares (read from system.columns).</summary>
internal static class TableStructure
{
    private const string ColumnsSql = """
        SELECT name, type FROM system.columns
        WHERE database = {db:String} AND table = {table:String} AND default_kind NOT IN ('MATERIALIZED', 'ALIAS', 'EPHEMERAL')
        ORDER BY position
        """;

    public static string Of(ChDbEngine engine, InsertStatement insert, string currentDatabase)
    {
        var (database, table) = insert.TargetName();
        database ??= currentDatabase;
        using var result = engine.Query(ColumnsSql, "TabSeparatedRaw", [new("db", database), new("table", table)]).EnsureSuccess();
        var declared = Encoding.UTF8.GetString(result.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(c => c[0], c => c[1], StringComparer.Ordinal);
        if (declared.Count == 0)
            throw new ChDbException(60, $"Code: 60. DB::Exception: Table {database}.{table} does not exist. (UNKNOWN_TABLE)");

        var names = insert.Columns ?? declared.Keys.ToList();
        return string.Join(", ", names.Select(name => declared.TryGetValue(name, out var type)
            ? $"{InsertStatement.Quote(name)} {Plain(type)}"
            : throw new ChDbException(16, $"Code: 16. DB::Exception: No such column {name} in table {database}.{table}. (NO_SUCH_COLUMN_IN_TABLE)")));
    }

    // The data in the file is the same bytes either way, but reading into LowCardinality measured 3x slower;
    // the INSERT converts to the column's own type anyway.
    private static string Plain(string type) =>
        type.StartsWith("LowCardinality(", StringComparison.Ordinal) && type.EndsWith(')') ? type["LowCardinality(".Length..^1] : type;
}
