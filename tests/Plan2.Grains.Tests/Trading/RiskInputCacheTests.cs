using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Accounts;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Accounts keep the kill switches and the tenant's settings instead of reading them for every order: whatever is
/// changed must still govern the very next order, however warm the account's copy.
/// </summary>
[Collection(ClusterCollection.Name)]
public class RiskInputCacheTests(ClusterFixture fixture)
{
    private async Task<TradingTestKit> ServedAccountAsync()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var served = await kit.Account.PlaceOrderAsync(Market("warm", TradeSide.Buy, 0.1m)); // the account's copy is in use
        Assert.Equal(OrderState.Filled, served.Order!.State);
        return kit;
    }

    [Fact]
    public async Task TenantKillSwitch_EngagedWhileTheAccountTrades_DeniesTheNextOrder()
    {
        var kit = await ServedAccountAsync();
        var tenantSwitch = kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant);

        await tenantSwitch.SetAsync(true, Alice);
        var denied = await kit.Account.PlaceOrderAsync(Market("k1", TradeSide.Buy, 0.1m));
        await tenantSwitch.SetAsync(false, Alice);
        var filled = await kit.Account.PlaceOrderAsync(Market("k2", TradeSide.Buy, 0.1m));

        Assert.Equal("TenantKillSwitch", denied.RefusalCode);
        Assert.Equal(OrderState.Filled, filled.Order!.State);
    }

    [Fact]
    public async Task PlatformKillSwitch_EngagedWhileTheAccountTrades_DeniesTheNextOrder()
    {
        var kit = await ServedAccountAsync();
        var platform = kit.Grains.GetGrain<IKillSwitchGrain>(KillSwitchGrain.PlatformKey);
        OrderOutcome denied;
        try
        {
            await platform.SetAsync(true, Alice);
            denied = await kit.Account.PlaceOrderAsync(Market("p1", TradeSide.Buy, 0.1m));
        }
        finally
        {
            await platform.SetAsync(false, Alice); // the cluster is shared with other tests
        }
        var filled = await kit.Account.PlaceOrderAsync(Market("p2", TradeSide.Buy, 0.1m));

        Assert.Equal("PlatformKillSwitch", denied.RefusalCode);
        Assert.Equal(OrderState.Filled, filled.Order!.State);
    }

    [Fact]
    public async Task TenantKillSwitch_EngagedBeforeAnAccountIsOpened_DeniesItsFirstOrder()
    {
        var kit = new TradingTestKit(fixture.Cluster);
        await kit.Grains.GetGrain<ITenantGrain>(kit.Tenant).CreateAsync(new CreateTenant("Test", "alice"));
        await kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant).SetAsync(true, Alice);
        await kit.Account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 100_000m, Alice));
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var denied = await kit.Account.PlaceOrderAsync(Market("first", TradeSide.Buy, 0.1m));

        Assert.Equal("TenantKillSwitch", denied.RefusalCode);
    }

    /// <summary>Today's main kept the tenant's settings for a second: an order right after a change was checked against the old ones.</summary>
    [Fact]
    public async Task TenantSettings_ChangedBetweenTwoOrders_GovernTheSecond()
    {
        var kit = await ServedAccountAsync();
        var tenant = kit.Grains.GetGrain<ITenantGrain>(kit.Tenant);
        var settings = (await tenant.GetAsync())!.Settings;

        await tenant.UpdateSettingsAsync(settings with { MaxOrderNotional = 50_000m }); // one lot of EURUSD is ~110,000 USD
        var denied = await kit.Account.PlaceOrderAsync(Market("n1", TradeSide.Buy, 1m));
        await tenant.UpdateSettingsAsync(settings);
        var filled = await kit.Account.PlaceOrderAsync(Market("n2", TradeSide.Buy, 1m));

        Assert.Equal("MaxOrderNotional", denied.RefusalCode);
        Assert.Equal(OrderState.Filled, filled.Order!.State);
    }
}
