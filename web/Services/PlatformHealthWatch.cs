using Plan2.Abstractions.Operations;

namespace Plan2.Web.Services;

/// <summary>
/// The dashboard's degraded flag: asks a silo for its stores every two seconds (the same view as
/// /health/ready) and tells the banner when the answer changes. A cluster that does not answer within
/// the budget counts as degraded too.
/// </summary>
public sealed class PlatformHealthWatch(IGrainFactory grains, ILogger<PlatformHealthWatch> log)
    : PolledWatch<ReadinessReport>(new ReadinessReport(ReadinessReport.Ready, []), Every, TimeProvider.System)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    public ReadinessReport Latest => Shown;

    protected override bool Same(ReadinessReport shown, ReadinessReport read) => read.Status == shown.Status && read.Detail == shown.Detail;

    protected override async Task<ReadinessReport> ReadAsync(CancellationToken stoppingToken)
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
    }

    /// <summary>Any other failure is a degraded answer too.</summary>
    protected override ReadinessReport OnReadFailed(Exception error)
    {
        log.LogWarning("The health check failed: {Error}", error.Message);
        return new ReadinessReport(ReadinessReport.Degraded, [], $"The health check failed: {error.Message}");
    }
}
