using Orleans.Core.Internal;
using Orleans.TestingHost;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Grains.Tests;

/// <summary>
/// One silo of its own: in the shared two-silo cluster each silo has its own embedded store, so a new activation
/// placed on the other silo would find no history (in a real cluster the store is one ClickHouse).
/// </summary>
public sealed class SingleSiloFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<ClusterFixture.SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

public class InstrumentWarmStartTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    [Fact]
    public async Task ANewActivation_RebuildsBarsAndQuoteFromTheStore_AndARestartedPredictorPredictsTheFirstClose()
    {
        var symbol = PredictorGrainTests.NewSymbol();
        var grains = fixture.Cluster.GrainFactory;
        var instrument = grains.GetGrain<IInstrumentGrain>(symbol);
        var predictor = grains.GetGrain<IPredictorGrain>($"{symbol}/M1");
        var (t0, random, mid) = (PredictorGrainTests.StartOfYesterday(), new Random(17), new[] { 1.1 });
        await PublishBarsAsync(instrument, symbol, t0, 0, 130, random, mid); // bar 129 still forming
        var before = await instrument.GetSnapshotAsync(300);

        // Both activations end mid-stream, as when their silo stops; the prediction service starts the predictor again.
        await instrument.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await predictor.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        for (var i = 0; i < 200 && (await instrument.GetSnapshotAsync(0)).AcceptedTicks > 0; i++)
            await Task.Delay(25);
        var after = await instrument.GetSnapshotAsync(300);

        Assert.Equal(0, after.AcceptedTicks); // a new activation answers
        Assert.Equal(before.LastQuote, after.LastQuote);
        // Risk measures a quote's staleness by its arrival: a rebuilt quote arrived when it was stamped, not at 1970.
        var rebuilt = await instrument.GetQuoteAsync();
        Assert.Equal(after.LastQuote!.TimeUnixMs, rebuilt!.ReceivedUnixMs);
        Assert.Equal(129, after.RecentBars["M1"].Count);
        Assert.Equal(before.RecentBars["M1"].Select(b => (b.OpenTimeUnixMs, b.Close, b.Indicators)),
            after.RecentBars["M1"].Select(b => (b.OpenTimeUnixMs, b.Close, b.Indicators)));
        Assert.Equal(before.RecentBars["H1"].Select(b => b.Close), after.RecentBars["H1"].Select(b => b.Close));

        await predictor.StartAsync();
        await PublishBarsAsync(instrument, symbol, t0, 130, 131, random, mid); // closes bar 129, rebuilt from stored ticks
        var recent = await PredictorGrainTests.WaitForAsync(predictor, r => r.Count > 0 && r[0].BarTimeUnixMs >= t0 + 129 * 60_000L);
        Assert.Equal(t0 + 129 * 60_000L, recent[0].BarTimeUnixMs);
        var closed = (await instrument.GetSnapshotAsync(1)).RecentBars["M1"].Single();
        Assert.Equal((t0 + 129 * 60_000L, 10L), (closed.OpenTimeUnixMs, closed.TickCount)); // the earlier activation's ticks too
    }

    private static Task PublishBarsAsync(IInstrumentGrain instrument, string symbol, long t0, int from, int to, Random random, double[] mid) =>
        PredictorGrainTests.PublishBarsAsync(instrument, symbol, t0, from, to, random, mid);
}
