using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Serving;
using Plan2.Storage.Ticks;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// What a backtest can run on: history files of the data folder (Plan2:Backtests:DataFolder, else the replay's
/// Plan2:Replay:Folder, else a development checkout's shared/data), the stored M1 candles, and the model sets
/// (the shipped onnx-models and the retrained ones under {Plan2:DataDir}/models). A request may name only these.
/// </summary>
public sealed class BacktestChoices(string? dataFolder, string dataDir, BacktestHistory history)
{
    private static readonly string[] Extensions = [".csv", ".txt"];
    public const string ShippedModels = "shipped";

    public string? DataFolder { get; } = dataFolder is { Length: > 0 } && Directory.Exists(dataFolder) ? Path.GetFullPath(dataFolder) : null;

    public IReadOnlyList<BacktestDataFile> Files()
    {
        if (DataFolder is null) return [];
        return Directory.EnumerateFiles(DataFolder, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 })
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => new BacktestDataFile(Path.GetRelativePath(DataFolder, f).Replace('\\', '/'), SymbolGuess.Symbol(f), new FileInfo(f).Length))
            .OrderBy(f => f.Name, StringComparer.Ordinal).Take(500).ToList();
    }

    /// <summary>The full path of a listed file; null for anything else (no path leaves the data folder).</summary>
    public string? ResolveFile(string? name) =>
        name is null || DataFolder is null ? null
        : Files().Any(f => f.Name == name) ? Path.GetFullPath(Path.Combine(DataFolder, name)) : null;

    public async Task<IReadOnlyList<SeriesInfo>> StoredAsync(CancellationToken ct = default) =>
        history.Store is { } store
            ? [.. (await store.ListSeriesAsync(ct)).Where(s => s.Timeframe == Timeframe.M1).OrderBy(s => s.Symbol, StringComparer.Ordinal)]
            : [];

    public IReadOnlyList<string> ModelSets()
    {
        var sets = new List<string>();
        if (ModelRegistry.Find(null) is not null) sets.Add(ShippedModels);
        var retrained = Path.Combine(dataDir, "models");
        if (Directory.Exists(retrained))
            sets.AddRange(Directory.EnumerateDirectories(retrained).Where(d => File.Exists(Path.Combine(d, "manifest.json")))
                .Select(Path.GetFileName).OfType<string>().OrderDescending());
        return sets;
    }

    /// <summary>The folder of a listed model set; null for anything else.</summary>
    public string? ResolveModels(string? name) =>
        name == ShippedModels ? ModelRegistry.Find(null)
        : name is not null && ModelSets().Contains(name) ? Path.Combine(dataDir, "models", name) : null;
}

/// <summary>A history file of the data folder: its path there, the pair its name implies, its size.</summary>
public sealed record BacktestDataFile(string Name, string? Symbol, long Bytes);
