using System.Collections.Concurrent;
using Orleans.Core.Internal;
using Orleans.Streams;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class PredictorGrainTests(ClusterFixture fixture)
{
    // Predictions start once features are warm (61 bars) and the LSTM's 30-bar window has filled.
    internal const int FirstPredictedBar = 61 + 30 - 2;

    internal static string NewSymbol() => "P" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();

    internal static long StartOfYesterday() => DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000;

    /// <summary>One-minute bars [from, to) of a noisy walk, ten ticks each; the first tick of bar n closes bar n − 1.</summary>
    internal static async Task PublishBarsAsync(IInstrumentGrain instrument, string symbol, long t0, int from, int to, Random random, double[] mid)
    {
        for (var bar = from; bar < to; bar++)
        {
            var times = new long[10];
            var bids = new double[10];
            var asks = new double[10];
            for (var k = 0; k < 10; k++)
            {
                mid[0] += (random.NextDouble() - 0.5) * 0.0004;
                (times[k], bids[k], asks[k]) = (t0 + bar * 60_000L + k * 5_000, Math.Round(mid[0], 5), Math.Round(mid[0] + 0.0001, 5));
            }
            await instrument.PublishTicksAsync(new TickBatch(symbol, bar * 10, times, bids, asks));
        }
    }

    internal static async Task<IReadOnlyList<PredictionView>> WaitForAsync(IPredictorGrain predictor, Func<IReadOnlyList<PredictionView>, bool> done)
    {
        // Bar closes reach the predictor by one-way observer calls: give the last ones a moment to land.
        var recent = await predictor.GetRecentAsync(200);
        for (var i = 0; i < 200 && !done(recent); i++, await Task.Delay(50))
            recent = await predictor.GetRecentAsync(200);
        return recent;
    }

    [Fact]
    public async Task BarCloses_BecomePredictions_KeptForClients_AndPublishedOnTheStream()
    {
        var symbol = NewSymbol();
        var key = $"{symbol}/M1";
        var received = new ConcurrentQueue<PredictionView>();
        var stream = fixture.Cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, key));
        var subscription = await stream.SubscribeAsync((p, _) => { received.Enqueue(p); return Task.CompletedTask; });
        var predictor = fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>(key);
        await predictor.StartAsync();

        var t0 = StartOfYesterday();
        await PublishBarsAsync(fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol), symbol, t0, 0, 130, new Random(9), [1.1]);

        var recent = await WaitForAsync(predictor, r => r.Count >= 129 - FirstPredictedBar);
        Assert.Equal(129 - FirstPredictedBar, recent.Count); // the 130th bar is still forming
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

    [Fact]
    public async Task APredictorThatOutlivesItsInstrument_PredictsTheNewActivationsFirstClose()
    {
        var symbol = NewSymbol();
        var predictor = fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>($"{symbol}/M1");
        await predictor.StartAsync();
        var instrument = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        var (t0, random, mid) = (StartOfYesterday(), new Random(11), new[] { 1.1 });
        await PublishBarsAsync(instrument, symbol, t0, 0, 130, random, mid);
        await WaitForAsync(predictor, r => r.Count >= 129 - FirstPredictedBar);

        // The instrument's activation ends mid-stream (idle collection, a silo leaving); its bar 129 was still forming.
        await instrument.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        for (var i = 0; i < 200 && (await instrument.GetSnapshotAsync(0)).AcceptedTicks > 0; i++)
            await Task.Delay(25);
        Assert.Equal(0, (await instrument.GetSnapshotAsync(0)).AcceptedTicks); // a new activation answers
        await predictor.StartAsync(); // as the prediction service does every 10 s: the new activation has no observers yet
        await PublishBarsAsync(instrument, symbol, t0, 130, 134, random, mid);

        // The new activation numbers its closes under a new epoch; its closes are predicted. (Bar 129 closes too when
        // the new activation lands on the silo whose store holds the earlier one's ticks; each test silo has its own.)
        var recent = await WaitForAsync(predictor, r => r.Count > 0 && r[0].BarTimeUnixMs >= t0 + 132 * 60_000L);
        Assert.Equal([t0 + 130 * 60_000L, t0 + 131 * 60_000L, t0 + 132 * 60_000L],
            recent.Select(p => p.BarTimeUnixMs).Where(t => t >= t0 + 130 * 60_000L).Order());
        Assert.All(recent.Take(3), p => Assert.InRange(p.ProbabilityUp, 0.3, 0.7));
    }

    [Fact]
    public async Task ANewActivationOfThePredictor_WarmsUpOnTheInstrumentsRecentCloses_AndPredictsTheNextClose()
    {
        var symbol = NewSymbol();
        var predictor = fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>($"{symbol}/M1");
        await predictor.StartAsync();
        var instrument = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        var (t0, random, mid) = (StartOfYesterday(), new Random(13), new[] { 1.1 });
        await PublishBarsAsync(instrument, symbol, t0, 0, 130, random, mid);
        await WaitForAsync(predictor, r => r.Count >= 129 - FirstPredictedBar);

        // The predictor's activation ends (its silo stopping looks the same to it); the service starts it again.
        await predictor.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        for (var i = 0; i < 200 && (await predictor.GetRecentAsync(1)).Count > 0; i++)
            await Task.Delay(25);
        Assert.Empty(await predictor.GetRecentAsync(1)); // a new activation answers
        await predictor.StartAsync();
        await PublishBarsAsync(instrument, symbol, t0, 130, 132, random, mid);

        var recent = await WaitForAsync(predictor, r => r.Count > 0 && r[0].BarTimeUnixMs >= t0 + 130 * 60_000L);
        Assert.Equal(t0 + 130 * 60_000L, recent[0].BarTimeUnixMs);
        Assert.Equal(t0 + 129 * 60_000L, recent[1].BarTimeUnixMs);
    }

    [Fact]
    public async Task AModelSetPromotedForAScope_IsTheChampionOfEveryLaterActivation()
    {
        var lifecycle = fixture.Cluster.GrainFactory.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
        var version = await lifecycle.RetrainNowAsync();
        var symbol = NewSymbol();
        var scope = $"{symbol}/M1";
        await lifecycle.RecordPromotionAsync(new PromotionEntry(DateTimeOffset.UtcNow, scope, "onnx-models@shipped", version + "@2026-12-01T00:00:00Z",
            "Promote", "better on 1440 pairs", 1440, -0.002));
        for (var i = 0; i < 100 && await lifecycle.GetChampionAsync(scope) is null; i++)
            await Task.Delay(20);
        Assert.Equal(version, await lifecycle.GetChampionAsync(scope));
        Assert.Null(await lifecycle.GetChampionAsync(NewSymbol() + "/M1")); // other scopes keep the shipped models

        var predictor = fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>(scope);
        await predictor.StartAsync();
        await PublishBarsAsync(fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol), symbol, StartOfYesterday(), 0, 95, new Random(3), [1.1]);

        var recent = await WaitForAsync(predictor, r => r.Count > 0);
        Assert.StartsWith(version + "@", recent[0].ChampionVersion);
    }
}
