using System.CommandLine;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Training.Data;

namespace Plan2.Cli.Commands;

/// <summary>How train and evaluate read history: files or folders, format and symbol as for import.</summary>
internal static class ModelData
{
    public static Option<string?> Format() => new("--format")
    {
        Description = "mt5-ticks | mt5-bars | m1-bars | mt-bars | mt5-python; recognised per file when left out.",
    };

    public static Option<string?> Symbol() => new("--symbol") { Description = "Symbol; taken from each file's name when left out." };

    public static async Task<TrainingRows> LoadAsync(IEnumerable<string> paths, string? formatName, string? symbol, Timeframe timeframe,
        int horizon, IProgress<string>? progress, CancellationToken ct)
    {
        ImportFormat? format = formatName is null ? null
            : ImportFormatNames.ByName.TryGetValue(formatName, out var f) ? f : throw new CliException($"Unknown --format '{formatName}'.");
        var series = new List<LabelledSeries>();
        foreach (var path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new CliException($"{path}: no such file or folder.");
            foreach (var (name, bars) in await BarLoader.LoadAsync(path, format, symbol, timeframe, TimeProvider.System, ct))
            {
                var built = LabelledSeries.Build(name, bars, horizon);
                progress?.Report($"{path}: {name} {bars.Count:N0} {timeframe} bars → {built.Rows:N0} rows");
                series.Add(built);
            }
        }
        if (series.Sum(s => s.Rows) == 0)
            throw new CliException("No usable rows: the data is empty, unrecognised, or shorter than the feature warm-up (61 bars).");
        return new TrainingRows(series);
    }
}
