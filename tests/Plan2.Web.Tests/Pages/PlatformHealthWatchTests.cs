using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Abstractions.Operations;
using Plan2.Grains.Operations;
using Plan2.Web.Services;

namespace Plan2.Web.Tests.Pages;

/// <summary>
/// The degraded banner's watch on a real silo whose store check fails in a way nobody listed: the banner says
/// degraded, and the watch keeps running (a background service that throws stops the whole web process).
/// </summary>
public sealed class PlatformHealthWatchTests : OneSiloClusterTest<PlatformHealthWatchTests.Silo>
{
    [Fact]
    public async Task AnUnexpectedFailure_IsDegraded_AndTheWatchGoesOn()
    {
        var watch = new PlatformHealthWatch(Cluster.Client, NullLogger<PlatformHealthWatch>.Instance);

        await watch.StartAsync(CancellationToken.None);
        // Until the probe's failure is seen (a cold cluster may first answer late, which is degraded for another reason).
        for (var i = 0; i < 600 && (watch.Latest.Detail?.Contains("the store probe broke") != true) && watch.ExecuteTask is { IsCompleted: false }; i++)
            await Task.Delay(50);

        Assert.False(watch.ExecuteTask!.IsCompleted, $"the watch ended: {watch.ExecuteTask.Exception?.InnerException?.Message}");
        Assert.Equal(ReadinessReport.Degraded, watch.Latest.Status);
        Assert.Contains("the store probe broke", watch.Latest.Detail);
        await watch.StopAsync(CancellationToken.None);
    }

    private sealed class BrokenProbe : IStoreHealthSource
    {
        public IReadOnlyList<StoreStatus> Current => throw new ArgumentException("the store probe broke");
    }

    public sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.ConfigureServices(s => s.AddSingleton<IStoreHealthSource, BrokenProbe>());
    }
}
