using Orleans.Core.Internal;
using Orleans.Runtime;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Accounts;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A kill switch or a tenant keeps, durably, the accounts to tell of each change. One that is no longer live (not open)
/// answers so, and is dropped: on today's main every later change woke it again (an activation and a journal read),
/// for ever, and the lists only grew.
/// </summary>
[Collection(ClusterCollection.Name)]
public class RiskInputWatcherPruneTests(ClusterFixture fixture)
{
    private IManagementGrain Management => fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);

    [Fact]
    public async Task AKillSwitchNotice_ToAnAccountThatIsNotLive_DropsIt_AndLiveAccountsAreStillTold()
    {
        var kit = await ServedAccountAsync();
        var ghost = kit.Grains.GetGrain<IAccountGrain>($"{kit.Tenant}/ghost");
        await kit.Grains.GetGrain<IKillSwitchWatch>(kit.Tenant).WatchAsync($"{kit.Tenant}/ghost"); // watched once, now gone
        var tenantSwitch = kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant);

        await tenantSwitch.SetAsync(true, Alice); // the ghost answers that it is not live
        await DeactivateAsync(ghost);
        await tenantSwitch.SetAsync(false, Alice);

        Assert.False(await IsActiveAsync(ghost)); // not told, so not woken
        Assert.Equal(OrderState.Filled, (await kit.Account.PlaceOrderAsync(Market("after", TradeSide.Buy, 0.1m))).Order!.State);
    }

    [Fact]
    public async Task ATenantSettingsNotice_ToAnAccountThatIsNotLive_DropsIt_AndLiveAccountsAreStillTold()
    {
        var kit = await ServedAccountAsync();
        var ghost = kit.Grains.GetGrain<IAccountGrain>($"{kit.Tenant}/ghost");
        await kit.Grains.GetGrain<ITenantSettingsWatch>(kit.Tenant).WatchAsync($"{kit.Tenant}/ghost");
        var tenant = kit.Grains.GetGrain<ITenantGrain>(kit.Tenant);
        var settings = (await tenant.GetAsync())!.Settings;

        await tenant.UpdateSettingsAsync(settings with { MaxOrderNotional = 50_000m });
        await DeactivateAsync(ghost);
        await tenant.UpdateSettingsAsync(settings with { MaxOrderNotional = 60_000m });

        Assert.False(await IsActiveAsync(ghost));
        Assert.Equal("MaxOrderNotional", (await kit.Account.PlaceOrderAsync(Market("big", TradeSide.Buy, 1m))).RefusalCode); // ~110,000 USD
    }

    private async Task<TradingTestKit> ServedAccountAsync()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        Assert.Equal(OrderState.Filled, (await kit.Account.PlaceOrderAsync(Market("warm", TradeSide.Buy, 0.1m))).Order!.State); // it watches
        return kit;
    }

    private async Task DeactivateAsync(IAccountGrain account)
    {
        await account.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        for (var i = 0; i < 1200 && await IsActiveAsync(account); i++) // up to 30 s on a loaded machine
            await Task.Delay(25);
        Assert.False(await IsActiveAsync(account), "the ghost account is still in memory");
    }

    // Each silo's own list of activations, as the other tests that wait for a deactivation ask (the directory's answer,
    // GetActivationAddress, stayed non-null for 30 s in two full runs while the single request should have ended it).
    private async Task<bool> IsActiveAsync(IAccountGrain account) =>
        (await Management.GetActiveGrains(account.GetGrainId().Type)).Contains(account.GetGrainId());
}
