using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Predictions;

namespace Plan2.Hosting.Predictions;

/// <summary>
/// Each silo's side of the cluster's model lifecycle: asks the lifecycle grain to keep the retraining
/// schedule (Plan2:Predictions:Retrain:Every; the reminder makes it once per cluster), and every 10 s
/// fetches the current challenger so that this silo's predictors run it too.
/// </summary>
public sealed class ModelLifecycleService(IGrainFactory grains, RetrainOptions options, ModelSource models, TimeProvider clock,
    ILogger<ModelLifecycleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lifecycle = grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
        var scheduled = false;
        var failures = new FailureLog(logger, "Following the model lifecycle");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        do
        {
            try
            {
                if (!scheduled)
                    await lifecycle.ScheduleAsync(options.Every);
                scheduled = true;
                await models.SyncChallengerAsync(lifecycle);
                failures.Succeeded();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Failed(e); // a silo still starting, a model set that will not load: the next round tries again
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
