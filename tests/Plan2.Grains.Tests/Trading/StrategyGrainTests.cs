using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Tests.Trading;

[Collection(ClusterCollection.Name)]
public class StrategyGrainTests(ClusterFixture fixture)
{
    private static readonly long T0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;

    private static BarView Bar(long openMs) => new("EURUSD", "M1", openMs, 1.10000m, 1.10050m, 1.09950m, 1.10000m, 10,
        new IndicatorReadings(0, 0, 50, 0, 0, 0, 0, 0, 0, 0.0005, 0, 0, 0, 0, 0, 0, 0), 1);

    private static PredictionView Prediction(long barMs, double probabilityUp, double confidence) => new("EURUSD", "M1", barMs, probabilityUp,
        probabilityUp > 0.5 ? 1 : -1, confidence, "trend", [], 0, 0, 0, new Dictionary<string, double>(), [], "v1", null, 0, 0);

    [Fact]
    public async Task Prediction_MovesTheTarget_AndFollowersCopyItScaled_UnlessStoppedOrRefusedByTheirOwnRisk()
    {
        var leader = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var doubler = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var stopped = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var small = await new TradingTestKit(fixture.Cluster).OpenAsync(limits: new AccountLimits(MaxOrderLots: 1m));
        await leader.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var strategy = fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>($"{leader.Tenant}/{leader.AccountId}/ai-1/EURUSD");
        await strategy.ConfigureAsync(new StrategyConfig(Lots: 1m));
        foreach (var (kit, multiplier) in new[] { (doubler, 2m), (stopped, 1m), (small, 2m) })
            await strategy.FollowAsync($"{kit.Tenant}/{kit.AccountId}", multiplier);
        await strategy.SetFollowerEnabledAsync($"{stopped.Tenant}/{stopped.AccountId}", false);

        var first = await strategy.OnBarAsync(Bar(T0), Prediction(T0, 0.8, 0.9));
        var again = await strategy.OnBarAsync(Bar(T0), Prediction(T0, 0.8, 0.9)); // the same bar delivered twice

        Assert.Equal(0.9m, first.TargetLots); // 1 lot scaled by confidence 0.9
        Assert.Equal([null, null, "MaxOrderSize"], first.Orders.Select(o => o.RefusalCode));
        Assert.Empty(again.Orders);
        Assert.Equal(0.9m, await NetAsync(leader, "ai-1"));
        Assert.Equal(1.8m, await NetAsync(doubler, null));
        Assert.Equal(0m, await NetAsync(stopped, null));
        Assert.Equal(0m, await NetAsync(small, null));

        var reversed = await strategy.OnBarAsync(Bar(T0 + 60_000), Prediction(T0 + 60_000, 0.2, 0.9));

        Assert.Equal(-0.9m, reversed.TargetLots);
        Assert.Equal(-0.9m, await NetAsync(leader, "ai-1"));
        Assert.Equal(-1.8m, await NetAsync(doubler, null));
        Assert.Equal(ActorKind.Strategy, reversed.Orders[0].Order!.Audit[0].By.Kind);
    }

    [Fact]
    public async Task BarBeforeConfiguration_FailsClearly()
    {
        var strategy = fixture.Cluster.GrainFactory.GetGrain<IStrategyGrain>("t-x/acc-1/none/EURUSD");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => strategy.OnBarAsync(Bar(T0), null));

        Assert.Contains("not configured", e.Message);
    }

    /// <summary>The account's net lots attributed to the strategy (null: the one copied trades are booked under).</summary>
    private static async Task<decimal> NetAsync(TradingTestKit kit, string? strategyId)
    {
        var strategies = (await kit.Account.GetAsync())!.Strategies;
        var match = strategyId is null ? strategies.SingleOrDefault(s => s.StrategyId.StartsWith("copy:", StringComparison.Ordinal)) : strategies.SingleOrDefault(s => s.StrategyId == strategyId);
        return match?.NetPosition ?? 0m;
    }
}
