using System.Diagnostics;
using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>
/// Streams a file line by line (never the whole file), parses, validates and hands batches to a
/// sink. Bad lines are counted by reason and the first ones listed with their line numbers; the
/// rest is imported. LF or CRLF endings, with or without a final newline. A line longer than
/// <see cref="BoundedLineReader.MaxLineChars"/> ends the import with <see cref="InvalidDataException"/>.
/// </summary>
public static class MarketDataImporter
{
    private const string Unparseable = "unparseable";

    public static async Task<ImportReport> RunAsync(Stream input, ImportSettings settings, IImportSink sink,
        TimeProvider clock, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var report = new ImportReport { Format = settings.Format, Symbol = settings.Symbol };
        var parser = LineParser.For(settings.Format, settings.UtcOffset);
        var validator = new TickValidator(settings.Validation, clock);
        var bars = new BarChecks(clock);
        var ticks = new Tick[settings.Format.IsTicks() ? settings.BatchSize : 0];
        var candles = new Candle[settings.Format.IsTicks() ? 0 : settings.BatchSize];
        var pending = 0;
        long? total = input.CanSeek ? input.Length : null;

        using var reader = new BoundedLineReader(input);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            if (lineNumber == 1 && IsHeader(settings.Format, line))
            {
                parser.OnHeader(line.TrimStart('\uFEFF'));
                continue;
            }
            report.Read++;
            switch (parser.Parse(line, out var tick, out var bar, out var error))
            {
                case LineKind.Header:
                    report.Reject(lineNumber, Unparseable, "a header line in the middle of the data");
                    break;
                case LineKind.Bad:
                    report.Reject(lineNumber, Unparseable, error!);
                    break;
                case LineKind.Tick:
                    var reason = validator.Validate(tick);
                    if (reason != TickRejectReason.None)
                    {
                        report.Reject(lineNumber, reason.ToSnakeCase(), Describe(reason, tick));
                        break;
                    }
                    report.Accept(tick.TimeMs);
                    ticks[pending++] = tick;
                    break;
                case LineKind.Bar:
                    if (bars.Check(bar) is { } problem)
                    {
                        report.Reject(lineNumber, problem.Reason, problem.Detail);
                        break;
                    }
                    report.Accept(bar.OpenTimeMs);
                    candles[pending++] = bar;
                    break;
            }
            if (pending == settings.BatchSize)
            {
                await FlushAsync(sink, settings, ticks, candles, pending, ct);
                pending = 0;
                progress?.Report(new ImportProgress(input.CanSeek ? input.Position : 0, total, lineNumber));
            }
        }
        if (pending > 0)
            await FlushAsync(sink, settings, ticks, candles, pending, ct);
        await sink.CompleteAsync(ct);
        progress?.Report(new ImportProgress(total ?? 0, total, lineNumber));
        report.Elapsed = watch.Elapsed;
        return report;
    }

    private static bool IsHeader(ImportFormat format, string line)
    {
        // A Python export always has its header: it names the columns (and says whether pandas added an index).
        if (format == ImportFormat.Mt5Python && FormatDetector.CheckHeader(format, line.TrimStart('\uFEFF')) is { } missing)
            throw new InvalidDataException(missing);
        if (format != ImportFormat.Mt5Python && !line.TrimStart('\uFEFF').StartsWith('<'))
            return false;
        if (FormatDetector.CheckHeader(format, line.TrimStart('\uFEFF')) is { } problem)
            throw new InvalidDataException(problem);
        return true;
    }

    private static ValueTask FlushAsync(IImportSink sink, ImportSettings settings, Tick[] ticks, Candle[] candles, int count, CancellationToken ct) =>
        settings.Format.IsTicks() ? sink.TicksAsync(ticks.AsMemory(0, count), ct) : sink.BarsAsync(candles.AsMemory(0, count), ct);

    private static string Describe(TickRejectReason reason, in Tick tick) => reason switch
    {
        TickRejectReason.NonPositivePrice => $"bid {tick.Bid} or ask {tick.Ask} is not positive",
        TickRejectReason.BidAboveAsk => $"bid {tick.Bid} is above ask {tick.Ask}",
        TickRejectReason.OutOfOrder => $"time {tick.Time:O} is earlier than the previous tick",
        TickRejectReason.InFuture => $"time {tick.Time:O} is in the future",
        TickRejectReason.Spike => $"bid {tick.Bid} / ask {tick.Ask} is a spike far beyond recent volatility",
        _ => reason.ToSnakeCase(),
    };

    /// <summary>Bars must be possible and strictly later than the previous one.</summary>
    private sealed class BarChecks(TimeProvider clock)
    {
        private long _lastMs = long.MinValue;

        public (string Reason, string Detail)? Check(in Candle bar)
        {
            if (bar.Problem is { } problem)
                return (problem.Replace(' ', '_').Replace('-', '_'), $"{problem}: open {bar.Open} high {bar.High} low {bar.Low} close {bar.Close}");
            if (bar.OpenTimeMs < _lastMs)
                return ("out_of_order", $"time {bar.OpenTime:O} is earlier than the previous bar");
            if (bar.OpenTimeMs == _lastMs)
                return ("duplicate_time", $"time {bar.OpenTime:O} repeats the previous bar");
            if (bar.OpenTimeMs > clock.GetUtcNow().ToUnixTimeMilliseconds())
                return ("in_future", $"time {bar.OpenTime:O} is in the future");
            _lastMs = bar.OpenTimeMs;
            return null;
        }
    }
}
