using Plan2.Abstractions.Operations;

namespace Plan2.Web.Services;

/// <summary>
/// The dashboard's degraded flag: asks a silo for its stores every two seconds (the same view as
/// /health/ready) and tells the banner when the answer changes. A cluster that does not answer within
/// the budget counts as degraded too.
/// </summary>
public sealed class PlatformHealthWatch(IGrainFactory grains, ILogger<PlatformHealthWatch> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    public ReadinessReport Latest { get; private set; } = new(ReadinessReport.Ready, []);

    public event Action? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            var report = await CheckAsync();
            if (report.Status != Latest.Status || report.Detail != Latest.Detail)
            {
                Latest = report;
                Changed?.Invoke();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<ReadinessReport> CheckAsync()
    {
        try
        {
            return ReadinessReport.FromStores(await grains.GetGrain<IStoreHealthGrain>(0).GetStoresAsync().WaitAsync(Every));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            log.LogDebug(e, "The cluster did not answer the health check");
            return new ReadinessReport(ReadinessReport.Degraded, [], $"The cluster does not answer: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any other failure is a degraded answer too: escaping, it would end this service and with it (the
            // host's default for a failed background service) the whole web process.
            log.LogWarning("The health check failed: {Error}", e.Message);
            return new ReadinessReport(ReadinessReport.Degraded, [], $"The health check failed: {e.Message}");
        }
    }
}
