using System.Text;
using System.Text.RegularExpressions;

namespace Plan2.ClickHouseFront;

/// <summary>
/// The one engine session the HTTP front shares between requests. A real server gives every request its
/// own database and settings; here they are switched with USE/SET before each statement and settings a
/// request does not name go back to their original values, so one request's settings never leak into the next.
/// </summary>
internal sealed partial class ChDbSession(ChDbEngine engine)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _applied = new(StringComparer.Ordinal);
    private string _database = "default";

    public async Task<T> RunAsync<T>(string? database, IReadOnlyDictionary<string, string> settings, Func<ChDbEngine, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            UseDatabase(string.IsNullOrEmpty(database) ? "default" : database);
            ApplySettings(settings);
            return work(engine);
        }
        finally
        {
            _gate.Release();
        }
    }

    public string CurrentDatabase => _database;

    public Action<string>? Trace { get; set; }

    private void UseDatabase(string database)
    {
        if (database == _database) return;
        Trace?.Invoke($"USE {database}");
        using (engine.Query($"USE {InsertStatement.Quote(database)}").EnsureSuccess()) { }
        _database = database;
    }

    private void ApplySettings(IReadOnlyDictionary<string, string> wanted)
    {
        var changes = new List<string>();
        foreach (var name in wanted.Keys.Union(_applied.Keys).ToList())
        {
            if (!SettingName().IsMatch(name)) throw new ChDbException(115, $"Code: 115. DB::Exception: Unknown setting '{name}'. (UNKNOWN_SETTING)");
            var target = wanted.TryGetValue(name, out var v) ? v : Baseline(name);
            if (_applied.TryGetValue(name, out var current) ? current == target : target == Baseline(name)) continue;
            changes.Add($"{name} = {Literal(target)}");
            _applied[name] = target;
        }
        if (changes.Count == 0) return;
        var set = "SET " + string.Join(", ", changes);
        Trace?.Invoke(set);
        using (engine.Query(set).EnsureSuccess()) { }
    }

    private string Baseline(string name)
    {
        if (_baseline.TryGetValue(name, out var value)) return value;
        using var result = engine.Query("SELECT value FROM system.settings WHERE name = {n:String}", "TabSeparatedRaw",
            [new("n", name)]).EnsureSuccess();
        value = Encoding.UTF8.GetString(result.ToArray()).TrimEnd('\n');
        if (result.Length == 0) throw new ChDbException(115, $"Code: 115. DB::Exception: Unknown setting '{name}'. (UNKNOWN_SETTING)");
        return _baseline[name] = value;
    }

    private static string Literal(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex SettingName();
}
