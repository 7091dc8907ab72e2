using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Hosting.Predictions;

/// <summary>
/// Keeps a predictor running for every instrument a feed reports, on each configured timeframe
/// (Plan2:Predictions:Timeframes, default M1): it starts them and renews their subscriptions.
/// </summary>
public sealed class PredictionService(IGrainFactory grains, PredictionOptions options, TimeProvider clock, ILogger<PredictionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        var failures = new FailureLog(logger, "Starting predictors");
        do
        {
            try
            {
                var feeds = await grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync();
                foreach (var symbol in feeds.SelectMany(f => f.Symbols).Distinct(StringComparer.Ordinal))
                    foreach (var tf in options.Timeframes)
                        await grains.GetGrain<IPredictorGrain>($"{symbol}/{tf}").StartAsync();
                failures.Succeeded();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A silo still starting or a grain call timing out: the next round tries again.
                failures.Failed(e);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class PredictionOptions
{
    public string[] Timeframes { get; set; } = ["M1"];
}
