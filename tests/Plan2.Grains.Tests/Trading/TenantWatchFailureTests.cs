using Orleans.Core.Internal;
using Orleans.Runtime;
using Plan2.Abstractions.Operations;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Tests.Operations;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// An account that cannot read its tenant's settings because the store is down says so (StorageUnavailable, retry),
/// never that the tenant does not exist; once the store is back the same order goes through.
/// </summary>
[Collection(ClusterCollection.Name)]
public class TenantWatchFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TenantStateUnreadable_IsReportedAsStorageUnavailable_NotAsAMissingTenant()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var tenant = kit.Grains.GetGrain<ITenantGrain>(kit.Tenant);
        // Both leave memory: the account's next activation watches its tenant again, whose next activation reads its state.
        await kit.Account.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await tenant.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.LeftMemoryAsync(kit.Account.GetGrainId());
        await kit.LeftMemoryAsync(tenant.GetGrainId());

        using (FaultyGrainStorage.Fail(tenant.GetGrainId()))
        {
            var failure = await Record.ExceptionAsync(() => kit.Account.PlaceOrderAsync(Market("w1", TradeSide.Buy, 1m)));
            var unavailable = Assert.IsType<StorageUnavailableException>(failure);
            Assert.Equal("PostgreSQL", unavailable.Store);
            Assert.DoesNotContain("does not exist", unavailable.Message);
        }

        var placed = await kit.Account.PlaceOrderAsync(Market("w1", TradeSide.Buy, 1m)); // the outage was transient: the order goes through
        Assert.False(placed.IsRefused, placed.Message);
        Assert.Equal(OrderState.Filled, placed.Order!.State);
    }

    [Fact]
    public async Task WatchRegistrationUnwritable_IsReportedAsStorageUnavailable_NotAsAMissingTenant()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var tenant = kit.Grains.GetGrain<ITenantGrain>(kit.Tenant);
        var second = kit.Grains.GetGrain<IAccountGrain>($"{kit.Tenant}/acc-2");

        using (FaultyGrainStorage.Fail(tenant.GetGrainId(), reads: false, writes: true))
        {
            // A new account registers with its tenant's settings watch, which stores the registration: that write fails.
            await second.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 10_000m, Alice));
            var failure = await Record.ExceptionAsync(() => second.PlaceOrderAsync(Market("w2", TradeSide.Buy, 1m)));
            Assert.IsType<StorageUnavailableException>(failure);
            Assert.DoesNotContain("does not exist", failure.Message);
        }

        var placed = await second.PlaceOrderAsync(Market("w2", TradeSide.Buy, 1m));
        Assert.False(placed.IsRefused, placed.Message);
    }
}
