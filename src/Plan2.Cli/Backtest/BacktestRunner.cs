using System.Diagnostics;
using Plan2.Cli.Commands;
using Plan2.Core.Backtesting;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.MarketData.Import;
using Plan2.Ml;
using Plan2.Ml.Serving;

namespace Plan2.Cli.Backtest;

/// <summary>Reads the history with the importers (validated as an import is), runs it through the pipeline, and gathers the results.</summary>
internal static class BacktestRunner
{
    public static async Task<BacktestRun> RunAsync(FileInfo file, string? formatName, string symbolText, double? utcOffset, BacktestOptions options,
        string? modelsFolder, CancellationToken ct)
    {
        CliRunner.RequireFile(file);
        var symbol = symbolText.ToUpperInvariant();
        if (!SymbolGuess.IsValid(symbol))
            throw new CliException($"'{symbolText}' is not a valid symbol.");
        var format = formatName is { } name ? ImportFormatNames.ByName[name] : SourceOptions.DetectFormat(file);
        if (!format.IsTicks() && SymbolGuess.BarTimeframe(file.Name) is { } tf && tf != Timeframe.M1)
            throw new CliException($"{file.Name} holds {tf} bars: the backtester replays M1 bars (or ticks).");
        // Small batches so the progress line moves: a month of M1 bars with the models takes seconds, not milliseconds.
        var settings = new ImportSettings(format, symbol, utcOffset is { } h ? TimeSpan.FromHours(h) : format.DefaultUtcOffset()) { BatchSize = 4_096 };
        Validate(options);

        ModelRegistry? registry = null;
        IPredictionSource? predictions = null;
        var timeframe = Timeframe.M1;
        if (options.Strategy == AiStrategy.Name)
        {
            var folder = ModelRegistry.Find(modelsFolder) ?? throw new CliException("No onnx-models folder found: pass --models.");
            try { registry = ModelRegistry.Load(folder); }
            catch (FileNotFoundException e) { throw new CliException(e.Message); }
            if (!TimeframeExtensions.TryParse(registry.Manifest.Timeframe, out timeframe))
                throw new CliException($"The models' timeframe '{registry.Manifest.Timeframe}' is not one the engine builds.");
            predictions = new BatchedPredictionSource(registry); // scores a block of bars per ONNX call, same predictions as bar by bar
        }
        try
        {
            var sink = new BacktestSink(first => BacktestSetup.Create(symbol, first, options, predictions, timeframe));
            var progress = new StderrProgress("backtest", file.Length, largeFile: 1 << 20);
            var watch = Stopwatch.StartNew();
            ImportReport report;
            await using (var stream = CliRunner.OpenRead(file))
                report = await MarketDataImporter.RunAsync(stream, settings, sink, TimeProvider.System, progress, ct);
            progress.Done();
            var run = sink.Backtester ?? throw new CliException($"{file.Name}: no line could be read{FirstProblem(report)}.");
            if (report.RejectedTotal > 0)
                Console.Error.WriteLine($"plan2: {report.RejectedTotal:N0} of {report.Read:N0} lines rejected: " +
                    string.Join(", ", report.Rejected.Select(p => $"{p.Key} {p.Value:N0}")));
            var runner = run.Runner;
            var metrics = BacktestMetrics.Compute(runner.Account.InitialBalance, run.Equity, runner.Trades);
            var seconds = Math.Max(sink.Elapsed.TotalSeconds, 1e-9);
            return new BacktestRun(symbol, file.FullName, options,
                format.IsTicks() ? "the file's own bid and ask" : $"{options.SpreadPips} pip added to the bar prices (bar files carry no spread)",
                metrics, run.Equity, runner.Trades, runner.Refusals, runner.StrategyHalted, run.Ticks, run.Equity.Count, run.Predictions,
                run.Ticks / seconds, registry?.Folder);
        }
        finally
        {
            registry?.Dispose();
        }
    }

    private static void Validate(BacktestOptions o)
    {
        var errors = new List<string>();
        if (o.InitialBalance <= 0m) errors.Add("--balance must be positive.");
        if (o.Lots <= 0m || o.Lots % 0.01m != 0m) errors.Add("--lots must be positive and a multiple of 0.01.");
        if (o.CommissionPerLot < 0m) errors.Add("--commission must not be negative.");
        if (o.SpreadPips < 0m) errors.Add("--spread-pips must not be negative.");
        if (o.SlippageTicks < 0 || o.LatencyMs < 0) errors.Add("--slippage-ticks and --latency-ms must not be negative.");
        if (o.DepthLots is <= 0m) errors.Add("--depth-lots must be positive.");
        if (o.HoldBars < 0 || o.StopAtr < 0 || o.TakeProfitAtr < 0) errors.Add("--hold-bars, --stop-atr and --take-profit-atr must not be negative.");
        if (!(o.LongAbove > 0.5 && o.LongAbove <= 1) || !(o.ShortBelow >= 0 && o.ShortBelow < 0.5)) errors.Add("--long-above must lie in (0.5, 1] and --short-below in [0, 0.5).");
        if (!(o.MinConfidence is >= 0 and <= 1)) errors.Add("--min-confidence must lie in [0, 1].");
        if (!Plan2.Core.Trading.Instruments.Currency.IsCode(o.AccountCurrency)) errors.Add($"--account-currency '{o.AccountCurrency}' is not a three-letter code.");
        if (errors.Count > 0)
            throw new CliException(string.Join(" ", errors));
    }

    private static string FirstProblem(ImportReport report) =>
        report.BadLines.Count > 0 ? $" (line {report.BadLines[0].Line}: {report.BadLines[0].Reason})" : "";
}
