using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Client.Tests;

/// <summary>A key's role and the client surface bound what a connected client may call, whatever grain it names.</summary>
[Collection(SdkClusterCollection.Name)]
public sealed class SurfaceTests(SdkClusterFixture fixture)
{
    [Fact]
    public async Task ViewerKey_ReadsButCannotTrade()
    {
        var (tenant, _) = await fixture.NewTenantAsync();
        await using var viewer = await fixture.ConnectAsync(await fixture.NewKeyAsync(tenant, UserRole.Viewer));

        Assert.NotNull(await viewer.GetAccountAsync());
        await GrantRefusals.AssertAsync(ClientGrantRefusal.RoleTooLow, () => viewer.PlaceOrderAsync(new NewOrder("v-1", "EURUSD", TradeSide.Buy, 0.1m)));
        await GrantRefusals.AssertAsync(ClientGrantRefusal.RoleTooLow, () => viewer.SetKillSwitchAsync(true));

        var account = (await fixture.Platform.GetGrain<IAccountGrain>($"{tenant}/main").GetAsync())!;
        Assert.Equal((0, false), (account.OrdersPlaced, account.KillSwitch));
    }

    [Fact]
    public async Task TraderKey_CannotSkipRisk_FeedQuotes_OrOpenAccounts()
    {
        var (tenant, key) = await fixture.NewTenantAsync(UserRole.Trader);
        await using var trader = await fixture.ConnectAsync(key);
        var grains = trader.Cluster;
        var me = Actor.ApiKey(trader.KeyId);

        // The order grain's account-only entry would send an order to the venue without risk.
        await GrantRefusals.AssertAsync(ClientGrantRefusal.NotOnSurface, () => grains.GetGrain<IOrderGrain>($"{tenant}/main.sneaky").ExecuteAsync(
            new OrderTicket("main", new PlaceOrder("sneaky", "EURUSD", TradeSide.Buy, 1m, me), null, null, null, New: true)));
        // Publishing ticks would show every tenant a false market.
        await GrantRefusals.AssertAsync(ClientGrantRefusal.NotOnSurface, () => grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(
            new TickBatch("EURUSD", 1, [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()], [0.5], [0.5001], Record: false)));
        await GrantRefusals.AssertAsync(ClientGrantRefusal.RoleTooLow, () => trader.OpenAccountAsync("second", "USD", 1_000m));

        Assert.Null(await fixture.Platform.GetGrain<IOrderGrain>($"{tenant}/main.sneaky").GetAsync());
        Assert.Null(await fixture.Platform.GetGrain<IAccountGrain>($"{tenant}/second").GetAsync());
    }

    [Fact]
    public async Task OrderInSomeoneElsesName_IsRefused()
    {
        var (tenant, key) = await fixture.NewTenantAsync(UserRole.Trader);
        await using var trader = await fixture.ConnectAsync(key);

        await GrantRefusals.AssertAsync(ClientGrantRefusal.ActsAsAnother, () => trader.Cluster.GetGrain<IAccountGrain>($"{tenant}/main")
            .PlaceOrderAsync(new PlaceOrder("as-alice", "EURUSD", TradeSide.Buy, 0.1m, Actor.User("alice"))));
    }

    [Fact]
    public async Task AdminKey_OpensAnAccount_ThatTheTenantLists()
    {
        var (_, key) = await fixture.NewTenantAsync(UserRole.Admin);
        await using var admin = await fixture.ConnectAsync(key);

        var opened = await admin.OpenAccountAsync("second", "EUR", 5_000m);

        Assert.Equal(("EUR", 5_000m), (opened.Currency, opened.Cash));
        Assert.Contains("second", await admin.ListAccountsAsync());
    }

    [Fact]
    public async Task AdminKey_ChangesLimitsThroughTheConfigGrain_WithHistory_NotDirectly()
    {
        var (tenant, key) = await fixture.NewTenantAsync(UserRole.Admin);
        await using var admin = await fixture.ConnectAsync(key);
        var me = Actor.ApiKey(admin.KeyId);

        // Directly on the account the change would leave no version behind: not on the client's surface.
        await GrantRefusals.AssertAsync(ClientGrantRefusal.NotOnSurface, () =>
            admin.Cluster.GetGrain<IAccountGrain>($"{tenant}/main").SetLimitsAsync(new AccountLimits(MaxOpenOrders: 3), me));
        var config = admin.Cluster.GetGrain<IConfigGrain>($"{tenant}/risk/main");
        var change = await config.SetAsync(new ConfigValue(Risk: new AccountLimits(MaxOpenOrders: 4)), me, "from the SDK");

        Assert.True(change.Accepted, string.Join(" ", change.Reasons));
        var version = Assert.Single(await config.GetHistoryAsync());
        Assert.Equal((4, me.ToString()), (version.Value.Risk!.MaxOpenOrders, version.ChangedBy));
        Assert.Equal(4, (await fixture.Platform.GetGrain<IAccountGrain>($"{tenant}/main").GetAsync())!.Limits.MaxOpenOrders);
    }
}
