using Plan2.Core.Backtesting;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.MarketData.Import;
using Plan2.Ml;
using Plan2.Ml.Serving;

namespace Plan2.Backtesting;

/// <summary>
/// Runs one backtest: history from a file (read with the importers, validated as an import is) or from
/// stored M1 candles, through the pipeline <see cref="BacktestSetup"/> builds, into a <see cref="BacktestRun"/>.
/// Cancellable between batches; user errors are <see cref="BacktestException"/>s.
/// </summary>
public static class BacktestRunner
{
    public static async Task<BacktestRun> RunFileAsync(BacktestFile data, BacktestOptions options, string? modelsFolder,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var file = new FileInfo(data.Path);
        BacktestFiles.RequireFile(file);
        var symbol = CheckSymbol(data.Symbol);
        var format = data.Format is { } name
            ? ImportFormatNames.ByName.TryGetValue(name, out var f) ? f : throw new BacktestException($"'{name}' is not a format: one of {string.Join(", ", ImportFormatNames.ByName.Keys)}.")
            : BacktestFiles.DetectFormat(file);
        if (!format.IsTicks() && SymbolGuess.BarTimeframe(file.Name) is { } tf && tf != Timeframe.M1)
            throw new BacktestException($"{file.Name} holds {tf} bars: the backtester replays M1 bars (or ticks).");
        // Small batches so that progress moves: a month of M1 bars with the models takes seconds, not milliseconds.
        var settings = new ImportSettings(format, symbol, data.UtcOffsetHours is { } h ? TimeSpan.FromHours(h) : format.DefaultUtcOffset()) { BatchSize = 4_096 };
        Validate(options);
        using var models = LoadModels(options, modelsFolder);
        var sink = new BacktestSink(first => BacktestSetup.Create(symbol, first, options, models.Predictions, models.Timeframe));
        IImportSink into = data.FromMs is not null || data.ToMs is not null ? new WindowSink(sink, data.FromMs ?? long.MinValue, data.ToMs ?? long.MaxValue) : sink;
        ImportReport report;
        await using (var stream = BacktestFiles.OpenRead(file))
            report = await MarketDataImporter.RunAsync(stream, settings, into, TimeProvider.System, progress, ct);
        if (sink.Backtester is null)
            throw new BacktestException(into is WindowSink && report.RejectedTotal < report.Read
                ? $"{file.Name}: no line falls in the chosen period."
                : $"{file.Name}: no line could be read{FirstProblem(report)}.");
        var rejected = report.RejectedTotal > 0
            ? $"{report.RejectedTotal:N0} of {report.Read:N0} lines rejected: " + string.Join(", ", report.Rejected.Select(p => $"{p.Key} {p.Value:N0}"))
            : null;
        return Result(symbol, file.FullName, options, format.IsTicks() ? "the file's own bid and ask" : BarSpread(options), sink, models.Folder, rejected);
    }

    /// <summary>Stored M1 candles (oldest first) as the history; <paramref name="barsDone"/> hears how many went in so far.</summary>
    public static async Task<BacktestRun> RunBarsAsync(string symbolText, string source, IAsyncEnumerable<Candle> bars, BacktestOptions options,
        string? modelsFolder, Action<long>? barsDone, CancellationToken ct)
    {
        var symbol = CheckSymbol(symbolText);
        Validate(options);
        using var models = LoadModels(options, modelsFolder);
        var sink = new BacktestSink(first => BacktestSetup.Create(symbol, first, options, models.Predictions, models.Timeframe));
        var batch = new List<Candle>(4_096);
        long done = 0;
        await foreach (var bar in bars.WithCancellation(ct))
        {
            batch.Add(bar);
            if (batch.Count < 4_096) continue;
            await sink.BarsAsync(batch.ToArray(), ct);
            barsDone?.Invoke(done += batch.Count);
            batch.Clear();
        }
        await sink.BarsAsync(batch.ToArray(), ct);
        barsDone?.Invoke(done + batch.Count);
        await sink.CompleteAsync(ct);
        if (sink.Backtester is null)
            throw new BacktestException($"No stored M1 candles of {symbol} in the chosen period.");
        return Result(symbol, source, options, BarSpread(options), sink, models.Folder, null);
    }

    public static void Validate(BacktestOptions o)
    {
        var errors = new List<string>();
        if (!BacktestSetup.Strategies.Contains(o.Strategy)) errors.Add($"Unknown strategy '{o.Strategy}': one of {string.Join(", ", BacktestSetup.Strategies)}.");
        if (o.InitialBalance <= 0m) errors.Add("--balance must be positive.");
        if (o.Lots <= 0m || o.Lots % 0.01m != 0m) errors.Add("--lots must be positive and a multiple of 0.01.");
        if (o.CommissionPerLot < 0m) errors.Add("--commission must not be negative.");
        if (o.SpreadPips < 0m) errors.Add("--spread-pips must not be negative.");
        if (o.SlippageTicks < 0 || o.LatencyMs < 0) errors.Add("--slippage-ticks and --latency-ms must not be negative.");
        if (o.DepthLots is <= 0m) errors.Add("--depth-lots must be positive.");
        if (o.HoldBars < 0 || o.StopAtr < 0 || o.TakeProfitAtr < 0) errors.Add("--hold-bars, --stop-atr and --take-profit-atr must not be negative.");
        if (!(o.LongAbove > 0.5 && o.LongAbove <= 1) || !(o.ShortBelow >= 0 && o.ShortBelow < 0.5)) errors.Add("--long-above must lie in (0.5, 1] and --short-below in [0, 0.5).");
        if (!(o.MinConfidence is >= 0 and <= 1)) errors.Add("--min-confidence must lie in [0, 1].");
        if (!Core.Trading.Instruments.Currency.IsCode(o.AccountCurrency)) errors.Add($"--account-currency '{o.AccountCurrency}' is not a three-letter code.");
        if (errors.Count > 0)
            throw new BacktestException(string.Join(" ", errors));
    }

    private static string CheckSymbol(string text)
    {
        var symbol = text.ToUpperInvariant();
        return SymbolGuess.IsValid(symbol) ? symbol : throw new BacktestException($"'{text}' is not a valid symbol.");
    }

    private static string BarSpread(BacktestOptions o) => $"{o.SpreadPips} pip added to the bar prices (bar files carry no spread)";

    private static BacktestModels LoadModels(BacktestOptions options, string? modelsFolder)
    {
        if (options.Strategy != AiStrategy.Name)
            return new BacktestModels(null, null, Timeframe.M1);
        var folder = ModelRegistry.Find(modelsFolder) ?? throw new BacktestException("No onnx-models folder found: pass --models.");
        ModelRegistry registry;
        try { registry = ModelRegistry.Load(folder); }
        catch (FileNotFoundException e) { throw new BacktestException(e.Message); }
        if (!TimeframeExtensions.TryParse(registry.Manifest.Timeframe, out var timeframe))
        {
            registry.Dispose();
            throw new BacktestException($"The models' timeframe '{registry.Manifest.Timeframe}' is not one the engine builds.");
        }
        // Scores a block of bars per ONNX call: the same predictions as bar by bar. The AI strategy reads the confidence only
        // beyond its thresholds: the members that only count there are scored only on the bars that may get there.
        try
        {
            return new BacktestModels(registry, new BatchedPredictionSource(registry, new ConfidenceBand(options.ShortBelow, options.LongAbove)), timeframe);
        }
        catch
        {
            registry.Dispose(); // not handed over: nobody else would
            throw;
        }
    }

    private static BacktestRun Result(string symbol, string source, BacktestOptions options, string spreadSource, BacktestSink sink, string? models, string? rejected)
    {
        var run = sink.Backtester!;
        var runner = run.Runner;
        var metrics = BacktestMetrics.Compute(runner.Account.InitialBalance, run.Equity, runner.Trades);
        var seconds = Math.Max(sink.Elapsed.TotalSeconds, 1e-9);
        return new BacktestRun(symbol, source, options, spreadSource, metrics, run.Equity, runner.Trades, runner.Refusals, runner.StrategyHalted,
            run.Ticks, run.Equity.Count, run.Predictions, run.Ticks / seconds, models) { RejectedLines = rejected };
    }

    private static string FirstProblem(ImportReport report) =>
        report.BadLines.Count > 0 ? $" (line {report.BadLines[0].Line}: {report.BadLines[0].Reason})" : "";

    private sealed record BacktestModels(ModelRegistry? Registry, IPredictionSource? Predictions, Timeframe Timeframe) : IDisposable
    {
        public string? Folder => Registry?.Folder;
        public void Dispose()
        {
            (Predictions as IDisposable)?.Dispose(); // first: its scoring ahead runs on the registry's sessions
            Registry?.Dispose();
        }
    }
}
