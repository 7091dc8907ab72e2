using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Plan2.Core.MarketData;
using Plan2.Grains.Predictions;
using Plan2.Hosting.MarketData;

namespace Plan2.Hosting.Predictions;

/// <summary>
/// Continuous learning's trainer: retrains the tree models on recent stored M1 history in a separate plan2
/// process. The cluster's <see cref="ModelLifecycleGrain"/> runs it on schedule (once per cluster) and
/// registers the result as the challenger, which predictors on every silo then run in shadow beside the
/// champion until it proves itself (or not).
/// </summary>
public sealed class RetrainService(RetrainOptions options, TickStoreService store, MarketDataOptions data,
    ILogger<RetrainService> logger, TimeProvider clock) : IChallengerTrainer
{
    private const int MinimumBars = 2_000;

    Task<string?> IChallengerTrainer.TrainAsync(CancellationToken ct) => RetrainOnceAsync(ct);

    /// <summary>One retraining round; returns the trained model set's folder, or null when there was not enough history.</summary>
    public async Task<string?> RetrainOnceAsync(CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("plan2-retrain-").FullName;
        try
        {
            var exported = 0;
            foreach (var series in (await store.Store.ListSeriesAsync(ct)).Where(s => s.Timeframe == Timeframe.M1))
            {
                var from = series.LastMs - (long)options.History.TotalMilliseconds;
                var rows = await CandleExport.WriteAsync(store.Store, series.Symbol, from, series.LastMs + 1, Path.Combine(work, $"{series.Symbol}_M1.csv"), ct);
                exported += rows >= MinimumBars ? 1 : 0;
                if (rows < MinimumBars) File.Delete(Path.Combine(work, $"{series.Symbol}_M1.csv"));
            }
            if (exported == 0)
            {
                logger.LogInformation("Retraining skipped: no symbol has {Bars} stored M1 bars yet", MinimumBars);
                return null;
            }
            var output = Path.Combine(data.DataDir, "models", $"challenger-{clock.GetUtcNow():yyyyMMddHHmmss}");
            await RunTrainerAsync(["train", "--data", work, "--kinds", .. options.Kinds, "--out", output], ct);
            logger.LogInformation("Retrained {Kinds} on {Symbols} symbol(s): {Folder}", string.Join(',', options.Kinds), exported, output);
            return output;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task RunTrainerAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var trainer = options.Trainer ?? FindTrainer()
            ?? throw new InvalidOperationException("No plan2 trainer found: set Plan2:Predictions:Retrain:Trainer to plan2's dll or executable.");
        var info = trainer.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet", [trainer, .. arguments])
            : new ProcessStartInfo(trainer, arguments);
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {trainer}.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"plan2 train exited with {process.ExitCode}: {(await stderr).Trim()}");
    }

    private static string? FindTrainer()
    {
        // A published silo carries its own trainer (build/Plan2.Deploy.targets); a checkout has the built CLI.
        foreach (var beside in new[] { Path.Combine(AppContext.BaseDirectory, "plan2.dll"), Path.Combine(AppContext.BaseDirectory, "trainer", "plan2.dll") })
            if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(dir.FullName, "src", "Plan2.Cli", "bin", configuration, "net10.0", "plan2.dll");
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
