using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.Ml.Training.Data;

/// <summary>
/// Reads candles of one timeframe per symbol from a history file or a folder of them (every format
/// the importer knows; ticks are turned into candles by bid), with the importer's validation.
/// </summary>
public static class BarLoader
{
    public static async Task<Dictionary<string, List<Candle>>> LoadAsync(string path, ImportFormat? format, string? symbol,
        Timeframe timeframe, TimeProvider clock, CancellationToken ct = default)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"{path}: no such file or folder.", path);
        var series = new Dictionary<string, List<Candle>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            // Under the importer's line cap: a huge or endless file (/dev/zero) is refused, never read into memory.
            var detected = format ?? FormatDetector.Detect(BoundedLineReader.FirstLine(file)?.TrimStart('\uFEFF') ?? "");
            if (detected is null)
                continue; // not market data (a README, notes)
            var name = symbol ?? SymbolGuess.Symbol(file) ?? throw new InvalidDataException($"{file}: cannot tell the symbol; pass --symbol.");
            var sink = new CandleSink(timeframe, SymbolGuess.BarTimeframe(file) ?? Timeframe.M1);
            await using (var stream = File.OpenRead(file))
                await MarketDataImporter.RunAsync(stream, new ImportSettings(detected.Value, name, detected.Value.DefaultUtcOffset()), sink, clock, null, ct);
            if (!series.TryGetValue(name, out var list))
                series[name] = list = [];
            list.AddRange(sink.Candles);
        }
        foreach (var list in series.Values)
            list.Sort((a, b) => a.OpenTimeMs.CompareTo(b.OpenTimeMs));
        return series;
    }

    private sealed class CandleSink(Timeframe timeframe, Timeframe barTimeframe) : IImportSink
    {
        private readonly CandleBuilder _builder = new(timeframe);
        public List<Candle> Candles { get; } = [];

        public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct)
        {
            foreach (var t in ticks.Span)
                if (_builder.OnTick(t, out var c)) Candles.Add(c);
            return ValueTask.CompletedTask;
        }

        public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct)
        {
            foreach (var b in bars.Span)
            {
                if (barTimeframe == timeframe) Candles.Add(b);
                else if (_builder.OnBar(b, out var c)) Candles.Add(c);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken ct)
        {
            if (_builder.TryClose(out var last)) Candles.Add(last);
            return ValueTask.CompletedTask;
        }
    }
}
