using Plan2.Backtesting;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.MarketData.Import;

namespace Plan2.Web.Services.Backtests;

/// <summary>One request through the shared backtester (the same code as <c>plan2 backtest</c>) into a report folder.</summary>
public sealed class BacktestJob(BacktestChoices choices, BacktestHistory history)
{
    /// <summary>Refuses, with the reason, a request naming anything the page did not offer.</summary>
    public void Check(BacktestRequest r)
    {
        if (!BacktestSetup.Strategies.Contains(r.Strategy))
            throw new BacktestException($"Unknown strategy '{r.Strategy}': one of {string.Join(", ", BacktestSetup.Strategies)}.");
        if (string.IsNullOrWhiteSpace(r.Symbol) || !SymbolGuess.IsValid(r.Symbol.Trim().ToUpperInvariant()))
            throw new BacktestException($"'{r.Symbol}' is not a symbol.");
        if (r.From is { } from && r.To is { } to && to < from)
            throw new BacktestException("The period ends before it starts.");
        if (r.Source == BacktestSource.File && choices.ResolveFile(r.Data) is null)
            throw new BacktestException(choices.DataFolder is null ? "There is no data folder: set Plan2__Backtests__DataFolder." : $"'{r.Data}' is not a file of the data folder.");
        if (r.Source == BacktestSource.Store && history.Store is null)
            throw new BacktestException("No stored history is reachable from the web: embedded mode, or a cluster with ClickHouse, has one.");
        if (r.Strategy == AiStrategy.Name && choices.ResolveModels(r.Models) is null)
            throw new BacktestException(r.Models is null ? "The ai strategy needs a model set." : $"'{r.Models}' is not a model set.");
        BacktestRunner.Validate(Options(r));
    }

    public async Task<BacktestSummary> RunAsync(BacktestRequest r, string folder, Action<double> progress, CancellationToken ct)
    {
        Check(r);
        var options = Options(r);
        var models = r.Strategy == AiStrategy.Name ? choices.ResolveModels(r.Models) : null;
        BacktestRun run;
        if (r.Source == BacktestSource.File)
        {
            var file = new BacktestFile(choices.ResolveFile(r.Data)!, r.Symbol, FromMs: r.FromMs, ToMs: r.ToMs);
            run = await BacktestRunner.RunFileAsync(file, options, models, new FileProgress(progress), ct);
        }
        else
        {
            var store = history.Store!;
            var series = (await choices.StoredAsync(ct)).FirstOrDefault(s => s.Symbol == r.Symbol)
                ?? throw new BacktestException($"No stored M1 candles of {r.Symbol}.");
            var from = Math.Max(r.FromMs ?? series.FirstMs, series.FirstMs);
            var to = Math.Min(r.ToMs ?? series.LastMs + 1, series.LastMs + 1);
            var expected = Math.Max(1, (to - from) / Timeframe.M1.Milliseconds());
            var source = $"stored M1 candles of {r.Symbol} {DateTimeOffset.FromUnixTimeMilliseconds(from):yyyy-MM-dd} to {DateTimeOffset.FromUnixTimeMilliseconds(to):yyyy-MM-dd}";
            run = await BacktestRunner.RunBarsAsync(r.Symbol, source, store.ReadCandlesAsync(r.Symbol, Timeframe.M1, from, to, ct), options, models,
                done => progress(Math.Min(0.99, done / (double)expected)), ct);
        }
        ct.ThrowIfCancellationRequested();
        BacktestReport.Write(folder, run);
        var m = run.Metrics;
        return new BacktestSummary(BacktestReport.Verdict(m), m.LosesAfterCosts, m.TotalReturn, m.Sharpe, m.MaxDrawdown, m.WinRate, m.Trades,
            m.InitialEquity, m.FinalEquity, m.GrossPnl, m.Commissions, m.Swap, m.NetPnl, double.IsFinite(m.ProfitFactor) ? m.ProfitFactor : null,
            run.StrategyHalted, run.Ticks, run.Bars, run.Predictions, run.TicksPerSecond, options.AccountCurrency, run.SpreadSource,
            run.Models is { } folderName ? Path.GetFileName(folderName) : null, run.RejectedLines, m.SharpeCaveat);
    }

    private static BacktestOptions Options(BacktestRequest r) => new()
    {
        Strategy = r.Strategy, Lots = r.Lots, CommissionPerLot = r.CommissionPerLot, SpreadPips = r.SpreadPips, InitialBalance = r.InitialBalance,
    };

    /// <summary>Bytes read of the file as the fraction done; reported on the importer's thread, not a captured context.</summary>
    private sealed class FileProgress(Action<double> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.TotalBytes is > 0 and { } total)
                report(Math.Min(0.99, value.BytesRead / (double)total));
        }
    }
}
