using System.Collections.Concurrent;
using Orleans.Streams;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class PredictorGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task BarCloses_BecomePredictions_KeptForClients_AndPublishedOnTheStream()
    {
        var symbol = "P" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var key = $"{symbol}/M1";
        var received = new ConcurrentQueue<PredictionView>();
        var stream = fixture.Cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, key));
        var subscription = await stream.SubscribeAsync((p, _) => { received.Enqueue(p); return Task.CompletedTask; });
        await fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>(key).StartAsync();

        // 130 one-minute bars of a noisy walk, ten ticks each; features need 61 bars, the LSTM 30 more.
        var random = new Random(9);
        var t0 = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var mid = 1.1;
        var instrument = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        for (var bar = 0; bar < 130; bar++)
        {
            var times = new long[10];
            var bids = new double[10];
            var asks = new double[10];
            for (var k = 0; k < 10; k++)
            {
                mid += (random.NextDouble() - 0.5) * 0.0004;
                (times[k], bids[k], asks[k]) = (t0 + bar * 60_000L + k * 5_000, Math.Round(mid, 5), Math.Round(mid + 0.0001, 5));
            }
            await instrument.PublishTicksAsync(new TickBatch(symbol, bar * 10, times, bids, asks));
        }

        // Bar closes reach the predictor by one-way observer calls: give the last ones a moment to land.
        var predictor = fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>(key);
        var recent = await predictor.GetRecentAsync(100);
        for (var i = 0; i < 600 && recent.Count < 129 - 61 - 30 + 2; i++, await Task.Delay(50))
            recent = await predictor.GetRecentAsync(100);
        Assert.Equal(129 - 61 - 30 + 2, recent.Count); // the 130th bar is still forming
        var latest = recent[0];
        Assert.Equal(t0 + 128 * 60_000L, latest.BarTimeUnixMs);
        Assert.Equal(["lightgbm", "lstm", "random_forest", "transformer", "xgboost"], latest.Votes.Select(v => v.Name).Order());
        Assert.InRange(latest.ProbabilityUp, 0.3, 0.7);
        Assert.Equal(latest.ProbabilityUp >= 0.5 ? 1 : -1, latest.Direction);
        for (var i = 0; i < 600 && received.Count < recent.Count; i++)
            await Task.Delay(50);
        Assert.Equal(recent.Select(p => p.BarTimeUnixMs).Reverse(), received.Select(p => p.BarTimeUnixMs));
        await subscription.UnsubscribeAsync();
    }
}
