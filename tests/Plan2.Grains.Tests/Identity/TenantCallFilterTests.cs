using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Tests.Identity;

/// <summary>Grains called directly with a tenant in the RequestContext: only that tenant's grains answer.</summary>
[Collection(ClusterCollection.Name)]
public class TenantCallFilterTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private async Task<string> NewTenantWithAccountAsync()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("n")[..10];
        await Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Acme", "alice"));
        await Grains.GetGrain<IAccountGrain>($"{tenant}/main").OpenAsync(new OpenAccount("USD", PositionMode.Netting, 10_000m, Actor.User("alice")));
        return tenant;
    }

    private static async Task<T> AsTenant<T>(string tenant, Func<Task<T>> call)
    {
        RequestContext.Set(Plan2RequestContext.Tenant, tenant);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(Plan2RequestContext.Tenant);
        }
    }

    [Fact]
    public async Task OtherTenantsGrains_RefusedWithTheirStateUnchanged()
    {
        var a = await NewTenantWithAccountAsync();
        var b = await NewTenantWithAccountAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, () => Grains.GetGrain<IAccountGrain>($"{a}/main").GetAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, async () =>
        {
            await Grains.GetGrain<IAccountGrain>($"{a}/main").SetKillSwitchAsync(true, Actor.User("mallory"));
            return 0;
        }));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, () => Grains.GetGrain<ITenantGrain>(a).GetAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, () => Grains.GetGrain<ITenantIdentityGrain>(a).ListApiKeysAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, () => Grains.GetGrain<IOrderGrain>($"{a}/main.x").GetAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, () => Grains.GetGrain<ITenantAccountsGrain>(a).ListAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(b, async () =>
        {
            await Grains.GetGrain<IKillSwitchGrain>(a).SetAsync(true, Actor.User("mallory"));
            return 0;
        }));

        Assert.False((await Grains.GetGrain<IAccountGrain>($"{a}/main").GetAsync())!.KillSwitch);
        Assert.False(await Grains.GetGrain<IKillSwitchGrain>(a).IsEngagedAsync());
    }

    [Fact]
    public async Task OwnTenant_PlatformAndSystemCalls_Pass_AndTheContextFollowsTheCallChain()
    {
        var a = await NewTenantWithAccountAsync();

        // An order's path reads the platform kill switch and calls the order grain, all with tenant a's context.
        var outcome = await AsTenant(a, () => Grains.GetGrain<IAccountGrain>($"{a}/main")
            .PlaceOrderAsync(new PlaceOrder("c1", "EURUSD", TradeSide.Buy, 0.01m, Actor.User("alice"))));
        Assert.NotNull(outcome.Order);
        Assert.NotNull(await AsTenant(Plan2Claims.PlatformTenant, () => Grains.GetGrain<IAccountGrain>($"{a}/main").GetAsync()));
        Assert.NotNull(await Grains.GetGrain<IAccountGrain>($"{a}/main").GetAsync());
    }

    [Fact]
    public async Task PlatformKillSwitch_ReadableByEveryTenant_SetOnlyByThePlatform()
    {
        var a = await NewTenantWithAccountAsync();

        Assert.False(await AsTenant(a, () => Grains.GetGrain<IKillSwitchGrain>("platform").IsEngagedAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(a, async () =>
        {
            await Grains.GetGrain<IKillSwitchGrain>("platform").SetAsync(true, Actor.User("mallory"));
            return 0;
        }));
        Assert.False(await Grains.GetGrain<IKillSwitchGrain>("platform").IsEngagedAsync());
    }

    [Fact]
    public async Task ErrorDnaAndFlowRegistry_RefusedToATenant_ReadsIncluded_ButServeThePlatform()
    {
        var a = await NewTenantWithAccountAsync();
        var errors = Grains.GetGrain<Plan2.Abstractions.Diagnostics.IErrorDnaGrain>(Plan2.Abstractions.Diagnostics.IErrorDnaGrain.Key);
        var flows = Grains.GetGrain<Plan2.Abstractions.Flows.IFlowRegistryGrain>(Plan2.Abstractions.Flows.IFlowRegistryGrain.Key);
        var now = DateTimeOffset.UtcNow;
        var forged = new Plan2.Abstractions.Diagnostics.ErrorReport("fp-forged", "System.Exception", "forged", [], "forged", 1, now, now, [], [a], ["test"]);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(a, errors.GetAllAsync));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(a, () => errors.ReportAsync([forged])));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AsTenant(a, flows.GetAsync));

        Assert.DoesNotContain((await AsTenant(Plan2Claims.PlatformTenant, errors.GetAllAsync)).Groups, g => g.FingerprintId == "fp-forged");
        Assert.NotNull(await AsTenant(Plan2Claims.PlatformTenant, flows.GetAsync));
        Assert.NotNull(await errors.GetAllAsync()); // the platform's own collectors report without a tenant
    }

    [Theory]
    [InlineData(typeof(Plan2.Abstractions.Diagnostics.IErrorDnaGrain), "platform", "platform")]
    [InlineData(typeof(Plan2.Abstractions.Flows.IFlowRegistryGrain), "platform", "platform")]
    [InlineData(typeof(IAccountGrain), "acme/main", "acme")]
    [InlineData(typeof(IOrderGrain), "acme/main.c1", "acme")]
    [InlineData(typeof(IStrategyGrain), "acme/main/s1/EURUSD", "acme")]
    [InlineData(typeof(IRefreshTokenGrain), "acme/0123", "acme")]
    [InlineData(typeof(ITenantGrain), "acme", "acme")]
    [InlineData(typeof(IKillSwitchGrain), "platform", "platform")]
    [InlineData(typeof(Plan2.Abstractions.MarketData.IInstrumentGrain), "EURUSD", null)]
    [InlineData(typeof(IUserDirectoryGrain), "alice@acme.test", null)]
    public void OwnerOf_ReadsTheTenantFromTheKey(Type grain, string key, string? owner) =>
        Assert.Equal(owner, Plan2.Grains.Identity.TenantGrainKeys.OwnerOf(grain, key));
}
