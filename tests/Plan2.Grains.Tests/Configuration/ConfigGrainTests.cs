using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Tests.Trading;

namespace Plan2.Grains.Tests.Configuration;

[Collection(ClusterCollection.Name)]
public class ConfigGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Ada = Actor.User("ada");
    private static readonly long T0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private static BarView Bar(long openMs) => new("EURUSD", "M1", openMs, 1.10000m, 1.10050m, 1.09950m, 1.10000m, 10,
        new IndicatorReadings(0, 0, 50, 0, 0, 0, 0, 0, 0, 0.0005, 0, 0, 0, 0, 0, 0, 0), 1);

    private static PredictionView Prediction(long barMs, double probabilityUp) => new("EURUSD", "M1", barMs, probabilityUp,
        probabilityUp > 0.5 ? 1 : -1, 1.0, "trend", [], 0, 0, 0, new Dictionary<string, double>(), [], "v1", null, 0, 0);

    [Fact]
    public async Task StrategyThreshold_ChangedThroughConfig_AppliesToTheLiveStrategy_FromItsNextBar()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var config = Grains.GetGrain<IConfigGrain>($"{kit.Tenant}/strategy/{kit.AccountId}/ai-1/EURUSD");
        var strategy = Grains.GetGrain<IStrategyGrain>($"{kit.Tenant}/{kit.AccountId}/ai-1/EURUSD");
        Assert.True((await config.SetAsync(new ConfigValue(Strategy: new StrategyConfig(Lots: 1m, LongAbove: 0.9)), Ada)).Accepted);
        Assert.Equal(0m, (await strategy.OnBarAsync(Bar(T0), Prediction(T0, 0.6))).TargetLots); // 0.6 is below 0.9: no trade

        var change = await config.SetAsync(new ConfigValue(Strategy: new StrategyConfig(Lots: 1m, LongAbove: 0.55)), Ada, "trade more");

        Assert.Equal(new ConfigChangeResult(true, 2, []), change);
        var next = await strategy.OnBarAsync(Bar(T0 + 60_000), Prediction(T0 + 60_000, 0.6)); // same activation, no restart
        Assert.Equal(1m, next.TargetLots);
        Assert.Equal(0.55, (await strategy.GetAsync()).Config!.LongAbove);
    }

    [Fact]
    public async Task InvalidStrategyConfig_IsRefusedWithEveryReason_AndTheCurrentVersionStays()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var config = Grains.GetGrain<IConfigGrain>($"{kit.Tenant}/strategy/{kit.AccountId}/ai-2/EURUSD");
        await config.SetAsync(new ConfigValue(Strategy: new StrategyConfig(Lots: 1m)), Ada);

        var refused = await config.SetAsync(new ConfigValue(Strategy: new StrategyConfig(Lots: -1m, LongAbove: 0.3)), Ada);

        Assert.False(refused.Accepted);
        Assert.Equal(1, refused.Version);
        Assert.Contains(refused.Reasons, r => r.StartsWith("Lots must be positive", StringComparison.Ordinal));
        Assert.Contains(refused.Reasons, r => r.StartsWith("LongAbove", StringComparison.Ordinal));
        Assert.Equal(1m, (await config.GetCurrentAsync())!.Value.Strategy!.Lots);
        Assert.Equal(1m, (await Grains.GetGrain<IStrategyGrain>($"{kit.Tenant}/{kit.AccountId}/ai-2/EURUSD").GetAsync()).Config!.Lots);
    }

    [Fact]
    public async Task RiskLimits_AreAppliedToTheAccount_AndVersioned_AndTheAccountsOwnRefusalKeepsThePrevious()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var config = Grains.GetGrain<IConfigGrain>($"{kit.Tenant}/risk/{kit.AccountId}");

        Assert.True((await config.SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 2m)), Ada, "tighter")).Accepted);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var tooBig = await kit.Account.PlaceOrderAsync(TradingTestKit.Market("cfg-1", TradeSide.Buy, 3m));
        Assert.Equal("MaxOrderSize", tooBig.RefusalCode);

        var invalid = await config.SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 0m)), Ada);
        var kind = await config.SetAsync(new ConfigValue(Feed: new FeedSettings()), Ada);
        // Valid on its own, but the account it governs refuses it: it was never opened.
        var unopened = await Grains.GetGrain<IConfigGrain>($"{kit.Tenant}/risk/nowhere").SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 1m)), Ada);

        Assert.Equal((false, 1), (invalid.Accepted, invalid.Version));
        Assert.StartsWith("MaxOrderLots must be positive", Assert.Single(invalid.Reasons), StringComparison.Ordinal);
        Assert.Equal(2m, (await kit.Account.GetAsync())!.Limits.MaxOrderLots);
        Assert.Contains("takes risk settings only", Assert.Single(kind.Reasons), StringComparison.Ordinal);
        Assert.Equal((false, 0), (unopened.Accepted, unopened.Version));
        Assert.Contains($"{kit.Tenant}/nowhere refused it", Assert.Single(unopened.Reasons), StringComparison.Ordinal);
        Assert.Empty(await Grains.GetGrain<IConfigGrain>($"{kit.Tenant}/risk/nowhere").GetHistoryAsync());
        var history = await config.GetHistoryAsync();
        Assert.Equal((1, "user:ada", "tighter"), (Assert.Single(history).Version, history[0].ChangedBy, history[0].Note));
    }

    [Fact]
    public async Task FeedSettings_ApplyToTheLiveInstrument_FromItsNextTick()
    {
        var symbol = "C" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var instrument = Grains.GetGrain<IInstrumentGrain>(symbol);
        var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_000;
        Assert.Equal(1, await instrument.PublishTicksAsync(new TickBatch(symbol, 0, [first], [1.1], [1.1001]))); // 3 s ahead: allowed by default (5 s)

        var change = await Grains.GetGrain<IConfigGrain>($"platform/feed/{symbol}").SetAsync(new ConfigValue(Feed: new FeedSettings(FutureTolerance: TimeSpan.Zero)), Ada);

        Assert.True(change.Accepted);
        var second = Math.Max(first + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_000); // in order, and 3 s ahead again
        Assert.Equal(0, await instrument.PublishTicksAsync(new TickBatch(symbol, 1, [second], [1.1], [1.1001])));
        Assert.Equal(1, (await instrument.GetSnapshotAsync(0)).RejectedByReason["in_future"]);
    }

    /// <summary>
    /// A new activation (its silo died, or it went idle) reads the stored settings without making quote reads wait for
    /// them; its first batch must still be judged by them, not by the defaults.
    /// </summary>
    [Fact]
    public async Task FeedSettings_StoredBeforeAnActivation_AreInForceForItsFirstBatch()
    {
        var symbol = "C" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var instrument = Grains.GetGrain<IInstrumentGrain>(symbol);
        var stored = await Grains.GetGrain<IConfigGrain>($"platform/feed/{symbol}").SetAsync(new ConfigValue(Feed: new FeedSettings(FutureTolerance: TimeSpan.Zero)), Ada);
        Assert.True(stored.Accepted);
        // Applying the change activated the instrument: end that activation, so the next batch is a new one's first call.
        // Gone from every silo's catalog (GetActivationAddress answers from a directory cache, which named the old
        // activation long after it went: once in a full run, and every time when it had been asked once before).
        await instrument.AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await new TradingTestKit(fixture.Cluster).LeftMemoryAsync(instrument.GetGrainId());

        var ahead = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_000; // allowed by the defaults (5 s), not by the stored settings

        Assert.Equal(0, await instrument.PublishTicksAsync(new TickBatch(symbol, 0, [ahead], [1.1], [1.1001])));
        Assert.Equal(1, (await instrument.GetSnapshotAsync(0)).RejectedByReason["in_future"]);
    }

    [Fact]
    public async Task FeedSettings_OfAnotherTenant_CannotBeChanged_ButCanBeRead()
    {
        var symbol = "C" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var config = Grains.GetGrain<IConfigGrain>($"platform/feed/{symbol}");
        await config.SetAsync(new ConfigValue(Feed: new FeedSettings(SpikeSigmas: 30)), Ada);

        Orleans.Runtime.RequestContext.Set(Plan2.Abstractions.Identity.Plan2RequestContext.Tenant, "acme");
        try
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => config.SetAsync(new ConfigValue(Feed: new FeedSettings(SpikeSigmas: 3)), Ada));
            Assert.Equal(30, (await config.GetCurrentAsync())!.Value.Feed!.SpikeSigmas);
        }
        finally
        {
            Orleans.Runtime.RequestContext.Clear();
        }
    }
}
