using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Abstractions.Diagnostics;
using Plan2.Grains;
using Plan2.Web.Services.Operations;

namespace Plan2.Web.Tests.Pages;

/// <summary>
/// The spike banner's watch on a real silo's ErrorDNA grain: a spike opens the banner, and it closes an hour
/// after the spike (the watch's clock is the test's; the grain's is the silo's).
/// </summary>
public sealed class ErrorSpikeWatchTests : OneSiloClusterTest<ErrorSpikeWatchTests.Silo>
{
    [Fact]
    public async Task ASpike_IsOpen_ForAnHour_ThenTheBannerCloses()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var watch = new ErrorSpikeWatch(Cluster.Client, clock, NullLogger<ErrorSpikeWatch>.Instance);
        var changes = 0;
        watch.Changed += () => Interlocked.Increment(ref changes);
        await watch.StartAsync(CancellationToken.None);

        var id = Guid.NewGuid().ToString("n")[..16];
        var dna = Cluster.Client.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key);
        var now = DateTimeOffset.UtcNow;
        var spikes = await dna.ReportAsync([new ErrorReport(id, "System.InvalidOperationException", "Watch test <v>.", ["Plan2.Web.Tests.Pages"],
            "Watch test 1.", 10, now, now, [], [], ["watch test"])]);
        await TickUntilAsync(clock, () => watch.Open is not null);

        Assert.Equal(Assert.Single(spikes), watch.Open);
        clock.Advance(ErrorSpikeWatch.OpenFor);
        await TickUntilAsync(clock, () => watch.Open is null);
        Assert.Null(watch.Open);
        Assert.Equal(2, changes); // opened, closed: no flicker in between
        Assert.False(watch.ExecuteTask!.IsCompleted);
        await watch.StopAsync(CancellationToken.None);
    }

    /// <summary>Moves the watch's clock a poll at a time until <paramref name="done"/>; the grain answers in real time meanwhile.</summary>
    private static async Task TickUntilAsync(FakeTimeProvider clock, Func<bool> done)
    {
        for (var i = 0; i < 400 && !done(); i++)
        {
            clock.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(50);
        }
    }

    public sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage(StorageNames.GrainState)
            .ConfigureServices(s => s.AddSingleton(TimeProvider.System));
    }
}
