using System.Text;
using System.Text.RegularExpressions;

namespace Plan2.ClickHouseFront;

/// <summary>
/// "INSERT INTO target [(columns)] FORMAT name" followed by data, as the HTTP interface receives it. libchdb
/// cannot take such data inline (it ends at the first blank line and the rest runs as SQL), so the front
/// spools the data and inserts it with <see cref="FromFileSql"/>.
/// </summary>
internal sealed partial record InsertStatement(string Target, IReadOnlyList<string>? Columns, string Format)
{
    /// <summary>Recognises the statement at the start of <paramref name="head"/> (bytes read as Latin-1, so a
    /// char index is a byte offset) and says where its data begins; null for anything else.</summary>
    public static (InsertStatement Statement, int DataOffset)? TryParse(byte[] head, int length)
    {
        var text = Encoding.Latin1.GetString(head, 0, length);
        var m = Header().Match(text);
        if (!m.Success) return null;
        var columns = m.Groups["columns"].Success
            ? m.Groups["columns"].Value.Split(',').Select(c => Unquote(c.Trim())).ToList()
            : null;
        return (new InsertStatement(m.Groups["target"].Value.Trim(), columns, m.Groups["format"].Value), m.Length);
    }

    /// <summary>(database, table) of the target; database null when unqualified.</summary>
    public (string? Database, string Table) TargetName()
    {
        var parts = TableName().Matches(Target).Select(p => Unquote(p.Value)).ToList();
        return parts.Count == 2 ? (parts[0], parts[1]) : (null, parts[^1]);
    }

    /// <summary>The statement re-run over a file; path, format and structure are bound as parameters.</summary>
    public string FromFileSql() =>
        $"INSERT INTO {Target}{(Columns is null ? "" : $" ({string.Join(", ", Columns.Select(Quote))})")} " +
        "SELECT * FROM file({path:String}, {format:String}, {structure:String})";

    public static string Quote(string identifier) => "`" + identifier.Replace("\\", "\\\\").Replace("`", "\\`") + "`";

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] is '`' or '"' && name[^1] == name[0] ? name[1..^1] : name;

    // The data starts after the format name and the rest of its line, exactly one line break.
    [GeneratedRegex(@"\A\s*INSERT\s+INTO\s+(?<target>[^\s(]+)\s*(?:\((?<columns>[^)]*)\))?\s*FORMAT\s+(?<format>\w+)[ \t]*(?:\r?\n|\z)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"`[^`]*`|""[^""]*""|[^.`""]+")]
    private static partial Regex TableName();
}
