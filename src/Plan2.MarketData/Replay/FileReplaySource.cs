using System.Runtime.CompilerServices;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.MarketData.Replay;

/// <summary>
/// Replays history files read where they lie (a development checkout's ../shared/data), never copied:
/// every recognised file, grouped by symbol, in time order. Bars become synthetic ticks.
/// </summary>
public sealed class FileReplaySource : IReplaySource
{
    private readonly Dictionary<string, List<(string Path, ImportFormat Format)>> _files;
    private readonly TimeProvider _clock;

    private FileReplaySource(string folder, Dictionary<string, List<(string, ImportFormat)>> files, TimeProvider clock)
    {
        Folder = folder;
        _files = files;
        _clock = clock;
    }

    public string Folder { get; }
    public string Description => $"replay of the history files in {Folder} (bars as 4 synthetic ticks each: O, L/H, H/L, C)";
    public bool IsSimulated => false;
    public IReadOnlyList<string> Symbols => [.. _files.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A file whose first line is too long for any format (binary, endless) is simply not market data.</summary>
    private static string FirstLineOrEmpty(string path)
    {
        try
        {
            return BoundedLineReader.FirstLine(path)?.TrimStart('\uFEFF') ?? "";
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }

    public static FileReplaySource? TryCreate(string folder, TimeProvider clock)
    {
        if (!Directory.Exists(folder))
            return null;
        var files = new Dictionary<string, List<(string, ImportFormat)>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (FormatDetector.Detect(FirstLineOrEmpty(path)) is not { } format || SymbolGuess.Symbol(path) is not { } symbol)
                continue;
            if (!files.TryGetValue(symbol, out var list))
                files[symbol] = list = [];
            list.Add((path, format));
        }
        return files.Count == 0 ? null : new FileReplaySource(folder, files, clock);
    }

    public async IAsyncEnumerable<Tick> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (path, format) in _files[symbol])
        {
            var sink = new ReplayCollector();
            await using (var stream = File.OpenRead(path))
                await MarketDataImporter.RunAsync(stream, new ImportSettings(format, symbol, format.DefaultUtcOffset()), sink, _clock, null, ct);
            var ticks = new Tick[4];
            foreach (var tick in sink.Ticks)
                yield return tick;
            foreach (var bar in sink.Bars)
            {
                BarTicks.Synthesize(bar, BarTicks.TypicalSpread(bar.Close), ticks);
                foreach (var t in ticks)
                    yield return t;
            }
        }
    }

    /// <summary>One file's rows (a month of M1 bars is ~30k rows: small enough to hold while replaying it).</summary>
    private sealed class ReplayCollector : IImportSink
    {
        public List<Tick> Ticks { get; } = [];
        public List<Candle> Bars { get; } = [];
        public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct) { Ticks.AddRange(ticks.Span); return ValueTask.CompletedTask; }
        public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct) { Bars.AddRange(bars.Span); return ValueTask.CompletedTask; }
        public ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;
    }
}
