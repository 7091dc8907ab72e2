using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// Past runs on disk: {Folder}/{id}/run.json and the report files <c>plan2 backtest</c> writes (equity.png,
/// drawdown.png, trades.csv, equity.csv, metrics.json, report.md). Folder is Plan2:Backtests:Folder, by
/// default {Plan2:DataDir}/backtests, so runs outlive the web process.
/// </summary>
public sealed class BacktestStore(string folder)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string Folder { get; } = Directory.CreateDirectory(folder).FullName;

    public string RunFolder(string id) => Path.Combine(Folder, id);

    public void Save(BacktestRecord record)
    {
        var dir = Directory.CreateDirectory(RunFolder(record.Id)).FullName;
        var temp = Path.Combine(dir, "run.json.tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(record, Json));
        File.Move(temp, Path.Combine(dir, "run.json"), overwrite: true); // a reader never sees half a record
    }

    public IEnumerable<BacktestRecord> LoadAll()
    {
        foreach (var dir in Directory.EnumerateDirectories(Folder))
        {
            var path = Path.Combine(dir, "run.json");
            if (!File.Exists(path)) continue;
            BacktestRecord? record;
            try { record = JsonSerializer.Deserialize<BacktestRecord>(File.ReadAllText(path), Json); }
            catch (JsonException) { continue; } // a damaged record is skipped, never fatal
            if (record is not null && record.Id == Path.GetFileName(dir))
                yield return record;
        }
    }

    /// <summary>A report picture as a data: URI for an img tag (no file route to guard); null when absent.</summary>
    public string? PictureDataUri(string id, string name)
    {
        var path = Path.Combine(RunFolder(id), name);
        return File.Exists(path) ? "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(path)) : null;
    }

    public IReadOnlyList<BacktestTradeRow> ReadTrades(string id)
    {
        var path = Path.Combine(RunFolder(id), "trades.csv");
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Where(c => c.Length >= 12).Select(c => new BacktestTradeRow(
            long.Parse(c[0], CultureInfo.InvariantCulture), c[1], D(c[2]), DateTimeOffset.Parse(c[3], CultureInfo.InvariantCulture), D(c[4]),
            DateTimeOffset.Parse(c[5], CultureInfo.InvariantCulture), D(c[6]), D(c[7]), D(c[8]), D(c[9]), D(c[10]), c[11])).ToList();
    }

    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One closed trade of a report's trades.csv.</summary>
public sealed record BacktestTradeRow(long Ticket, string Side, decimal Lots, DateTimeOffset OpenedAt, decimal EntryPrice, DateTimeOffset ClosedAt,
    decimal ExitPrice, decimal GrossPnl, decimal Commission, decimal Swap, decimal NetPnl, string ExitReason);
