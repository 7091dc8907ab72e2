using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Grains.Tests;

/// <summary>A cluster of its own, since the test stops one of its silos.</summary>
public class SiloLossTests
{
    [Fact]
    public async Task WhenTheInstrumentsSiloStops_APredictorOnAnotherSilo_PredictsTheNewActivationsFirstClose()
    {
        var own = new ClusterFixture();
        await own.InitializeAsync();
        try
        {
            var cluster = own.Cluster;
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var (symbol, instrumentSilo) = ("", (SiloAddress?)null);
            for (var attempt = 0; attempt < 60 && instrumentSilo is null; attempt++)
            {
                // Placement is the cluster's choice: take a symbol whose instrument lands off the primary and apart from its predictor.
                symbol = PredictorGrainTests.NewSymbol();
                await cluster.GrainFactory.GetGrain<IPredictorGrain>($"{symbol}/M1").StartAsync();
                var i = await management.GetActivationAddress(cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol));
                var p = await management.GetActivationAddress(cluster.GrainFactory.GetGrain<IPredictorGrain>($"{symbol}/M1"));
                if (i is not null && p is not null && !i.Equals(p) && !i.Equals(cluster.Primary!.SiloAddress))
                    instrumentSilo = i;
            }
            Assert.NotNull(instrumentSilo);
            var predictor = cluster.GrainFactory.GetGrain<IPredictorGrain>($"{symbol}/M1");
            var instrument = cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
            var (t0, random, mid) = (PredictorGrainTests.StartOfYesterday(), new Random(17), new[] { 1.1 });
            await PredictorGrainTests.PublishBarsAsync(instrument, symbol, t0, 0, 130, random, mid);
            await PredictorGrainTests.WaitForAsync(predictor, r => r.Count >= 129 - PredictorGrainTests.FirstPredictedBar);

            await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(instrumentSilo)));
            await predictor.StartAsync(); // as the prediction service does every 10 s
            await PredictorGrainTests.PublishBarsAsync(instrument, symbol, t0, 130, 134, random, mid);

            var recent = await PredictorGrainTests.WaitForAsync(predictor, r => r.Count > 0 && r[0].BarTimeUnixMs >= t0 + 132 * 60_000L);
            Assert.Equal([t0 + 130 * 60_000L, t0 + 131 * 60_000L, t0 + 132 * 60_000L],
                recent.Select(p => p.BarTimeUnixMs).Where(t => t >= t0 + 129 * 60_000L).Order());
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}
