using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Strategies;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Predictions reach the strategy grains that trade them: the predictor's publish path, the roster, risk, the paper broker.</summary>
[Collection(ClusterCollection.Name)]
public class StrategyPredictionTests(ClusterFixture fixture)
{
    // Thresholds that make every confident call a trade, whatever the shipped models say on a random walk.
    private static readonly StrategyConfig TradeEveryCall = new(Lots: 1m, LongAbove: 0.5000001, ShortBelow: 0.4999999, MinConfidence: 0, HoldBars: 0, StopAtr: 0, TakeProfitAtr: 0);

    [Fact]
    public async Task PublishedPredictions_ReachEnabledStrategies_WhichTradeThem_WhileADisabledOneDoesNothing()
    {
        var on = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var off = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var enabled = fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>($"{on.Tenant}/{on.AccountId}/ai-on/USDJPY");
        var disabled = fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>($"{off.Tenant}/{off.AccountId}/ai-off/USDJPY");
        await enabled.ConfigureAsync(TradeEveryCall);
        await disabled.ConfigureAsync(TradeEveryCall with { Enabled = false });
        var members = await fixture.Cluster.GrainFactory.GetGrain<IStrategyRosterGrain>("USDJPY/M1").GetMembersAsync();
        Assert.Contains($"{on.Tenant}/{on.AccountId}/ai-on/USDJPY", members);
        Assert.DoesNotContain($"{off.Tenant}/{off.AccountId}/ai-off/USDJPY", members);
        var predictor = fixture.Cluster.GrainFactory.GetGrain<IPredictorGrain>("USDJPY/M1");
        await predictor.StartAsync();

        await PublishBarsAsync(fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>("USDJPY"), PredictorGrainTests.FirstPredictedBar + 6);

        var predictions = await PredictorGrainTests.WaitForAsync(predictor, r => r.Count >= 5);
        Assert.NotEmpty(predictions);
        // Settled: the account holds what the strategy targets, and the predictions have stopped coming.
        AccountView account = null!;
        var target = 0m;
        for (var i = 0; i < 200; i++, await Task.Delay(50))
        {
            account = (await on.Account.GetAsync())!;
            target = (await enabled.GetAsync()).TargetLots;
            if (target != 0m && account.Strategies.SingleOrDefault()?.NetPosition == target && (await predictor.GetRecentAsync(200)).Count == predictions.Count)
                break;
            predictions = await predictor.GetRecentAsync(200);
        }
        Assert.True(account.OrdersPlaced >= 1, "the enabled strategy placed no order");
        var mine = Assert.Single(account.Strategies);
        Assert.Equal("ai-on", mine.StrategyId);
        Assert.NotEqual(0m, target); // every call is long or short, so it holds one side
        Assert.Equal(target, mine.NetPosition);
        Assert.Equal(mine.NetPosition, account.Positions.Sum(p => p.Side == TradeSide.Buy ? p.Quantity : -p.Quantity));
        var idle = (await off.Account.GetAsync())!;
        Assert.Equal((0, 0), (idle.OrdersPlaced, idle.Positions.Count));
        Assert.Equal(0m, (await disabled.GetAsync()).TargetLots);
    }

    [Fact]
    public async Task PredictionAboveThreshold_PlacesAnOrderAndOpensAPosition_OneBelowItDoesNot()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var key = $"{kit.Tenant}/{kit.AccountId}/ai-th/EURUSD";
        await fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>(key).ConfigureAsync(new StrategyConfig(Lots: 1m, LongAbove: 0.6, MinConfidence: 0.5));
        var roster = fixture.Cluster.GrainFactory.GetGrain<IStrategyRosterGrain>("EURUSD/M1");
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000 - 600_000;

        await roster.DeliverAsync(Bar(t0), Prediction(t0, probabilityUp: 0.55, confidence: 0.9)); // below LongAbove
        Assert.Equal(0, (await kit.Account.GetAsync())!.OrdersPlaced);
        await roster.DeliverAsync(Bar(t0 + 60_000), Prediction(t0 + 60_000, probabilityUp: 0.7, confidence: 0.8));

        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(1, account.OrdersPlaced);
        var position = Assert.Single(account.Positions);
        Assert.Equal((TradeSide.Buy, 0.8m, "ai-th"), (position.Side, position.Quantity, position.StrategyId)); // 1 lot × confidence 0.8
        await fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>(key).ConfigureAsync(new StrategyConfig(Lots: 1m, Enabled: false));
    }

    private static BarView Bar(long openMs) => new("EURUSD", "M1", openMs, 1.10000m, 1.10050m, 1.09950m, 1.10000m, 10,
        new IndicatorReadings(0, 0, 50, 0, 0, 0, 0, 0, 0, 0.0005, 0, 0, 0, 0, 0, 0, 0), 1);

    private static PredictionView Prediction(long barMs, double probabilityUp, double confidence) => new("EURUSD", "M1", barMs, probabilityUp,
        probabilityUp > 0.5 ? 1 : -1, confidence, "trend", [], 0, 0, 0, new Dictionary<string, double>(), [], "v1", null, 0, 0);

    /// <summary>One-minute USDJPY bars of a noisy walk on the 0.001 tick, ten ticks each, ending now.</summary>
    private static async Task PublishBarsAsync(IInstrumentGrain instrument, int bars)
    {
        var random = new Random(21);
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000 - bars * 60_000L;
        var mid = 110.0;
        for (var bar = 0; bar < bars; bar++)
        {
            var (times, bids, asks) = (new long[10], new double[10], new double[10]);
            for (var k = 0; k < 10; k++)
            {
                mid += (random.NextDouble() - 0.5) * 0.04;
                (times[k], bids[k], asks[k]) = (t0 + bar * 60_000L + k * 5_000, Math.Round(mid, 3), Math.Round(mid + 0.01, 3));
            }
            await instrument.PublishTicksAsync(new TickBatch("USDJPY", bar * 10, times, bids, asks));
        }
    }
}
