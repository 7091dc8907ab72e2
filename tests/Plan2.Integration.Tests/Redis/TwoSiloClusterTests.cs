using Orleans.Runtime;
using Plan2.Abstractions.Tenancy;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Redis;

/// <summary>Two silos that find each other through a real Redis, and clients of either gateway.</summary>
public sealed class TwoSiloClusterTests() : DatabaseTest("pair")
{
    [Fact]
    public async Task TwoSilos_FormOneCluster_AndAGrainAnswersThroughEitherGateway()
    {
        await using var first = await InProcessSilo.StartAsync(ClusterId, Db);
        await using var second = await InProcessSilo.StartAsync(ClusterId, Db);

        var active = await WaitForActiveSilosAsync(first.Grains, expected: 2);
        Assert.Equal(2, active);
        Assert.Equal(2, await WaitForActiveSilosAsync(second.Grains, expected: 2));

        await using var viaFirst = await GatewayClient.ConnectAsync(ClusterId, first.GatewayPort);
        await using var viaSecond = await GatewayClient.ConnectAsync(ClusterId, second.GatewayPort);
        var tenantId = "pair-" + Guid.NewGuid().ToString("n")[..6];
        await viaFirst.Client.GetGrain<ITenantGrain>(tenantId).CreateAsync(new CreateTenant("Pair", "alice"));
        await viaSecond.Client.GetGrain<ITenantGrain>(tenantId).AddUserAsync("bob", UserRole.Viewer);

        var users = await viaFirst.Client.GetGrain<ITenantGrain>(tenantId).ListUsersAsync();
        Assert.Equal(["alice", "bob"], users.Select(u => u.UserName));
    }

    private static async Task<int> WaitForActiveSilosAsync(IGrainFactory grains, int expected)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int count;
        do
        {
            count = (await management.GetHosts(onlyActive: true)).Count;
            if (count == expected)
                break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return count;
    }
}
