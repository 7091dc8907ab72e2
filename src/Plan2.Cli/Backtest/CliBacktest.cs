using Plan2.Backtesting;

namespace Plan2.Cli.Backtest;

/// <summary>The CLI's side of a file backtest: progress every 10 % on stderr, and the importer's refusals said there too.</summary>
internal static class CliBacktest
{
    public static async Task<BacktestRun> RunAsync(FileInfo file, string? formatName, string symbol, double? utcOffset, BacktestOptions options,
        string? modelsFolder, CancellationToken ct)
    {
        var progress = new StderrProgress("backtest", file.Exists ? file.Length : 0, largeFile: 1 << 20);
        var run = await BacktestRunner.RunFileAsync(new BacktestFile(file.FullName, symbol, formatName, utcOffset), options, modelsFolder, progress, ct);
        progress.Done();
        if (run.RejectedLines is { } rejected)
            Console.Error.WriteLine("plan2: " + rejected);
        return run;
    }
}
