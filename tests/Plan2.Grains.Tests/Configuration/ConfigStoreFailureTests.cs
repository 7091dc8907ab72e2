using Orleans.Core.Internal;
using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Tests.Trading;

namespace Plan2.Grains.Tests.Configuration;

/// <summary>
/// A change the store could not keep must not run: applied live but unstored, it would hold until the next
/// restart and then silently revert. The store goes down (<see cref="Operations.FaultyGrainStorage"/>) for the config grain only,
/// so its consumers could still have stored their side.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ConfigStoreFailureTests(ClusterFixture fixture)
{
    private static readonly Actor Ada = Actor.User("ada");
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private IDisposable OutageOf(string configKey) =>
        Operations.FaultyGrainStorage.Fail(Grains.GetGrain<IConfigGrain>(configKey).GetGrainId(), reads: false, writes: true);

    [Fact]
    public async Task RiskLimits_TheStoreCouldNotKeep_AreRefusedWithTheReason_AndTheAccountKeepsTheVersionInForce()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        var key = $"{kit.Tenant}/risk/{kit.AccountId}";
        var config = Grains.GetGrain<IConfigGrain>(key);
        Assert.True((await config.SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 2m)), Ada)).Accepted);

        ConfigChangeResult failed;
        using (OutageOf(key))
            failed = await config.SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 5m)), Ada, "looser");

        Assert.Equal((false, 1), (failed.Accepted, failed.Version));
        Assert.Contains("could not be stored", Assert.Single(failed.Reasons), StringComparison.Ordinal);
        Assert.Contains("version 1 stays in force", failed.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(2m, (await kit.Account.GetAsync())!.Limits.MaxOrderLots); // never applied
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        Assert.Equal("MaxOrderSize", (await kit.Account.PlaceOrderAsync(TradingTestKit.Market("cs-1", TradeSide.Buy, 3m))).RefusalCode);
        Assert.Equal(2m, Assert.Single(await config.GetHistoryAsync()).Value.Risk!.MaxOrderLots);

        // What a restart reads is what runs; and once the store is back the same change goes through.
        await config.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal((1, 2m), ((await config.GetCurrentAsync())!.Version, (await config.GetCurrentAsync())!.Value.Risk!.MaxOrderLots));
        Assert.Equal(new ConfigChangeResult(true, 2, []), await config.SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 5m)), Ada, "looser"));
        Assert.Equal(5m, (await kit.Account.GetAsync())!.Limits.MaxOrderLots);
    }

    [Fact]
    public async Task FeedSettings_TheStoreCouldNotKeep_LeaveTheLiveInstrumentOnTheVersionInForce()
    {
        var symbol = "S" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var key = $"platform/feed/{symbol}";
        var instrument = Grains.GetGrain<IInstrumentGrain>(symbol);
        var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_000;
        Assert.Equal(1, await instrument.PublishTicksAsync(new TickBatch(symbol, 0, [first], [1.1], [1.1001]))); // 3 s ahead: allowed by default (5 s)

        ConfigChangeResult failed;
        using (OutageOf(key))
            failed = await Grains.GetGrain<IConfigGrain>(key).SetAsync(new ConfigValue(Feed: new FeedSettings(FutureTolerance: TimeSpan.Zero)), Ada);

        Assert.Equal((false, 0), (failed.Accepted, failed.Version));
        Assert.Contains("could not be stored", Assert.Single(failed.Reasons), StringComparison.Ordinal);
        var second = Math.Max(first + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_000); // in order, and 3 s ahead again
        Assert.Equal(1, await instrument.PublishTicksAsync(new TickBatch(symbol, 1, [second], [1.1], [1.1001]))); // the default tolerance still holds
        Assert.Null(await Grains.GetGrain<IConfigGrain>(key).GetCurrentAsync());
    }
}
