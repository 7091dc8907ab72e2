using Orleans.TestingHost;
using Plan2.Hosting;
using Plan2.Web.Services;

namespace Plan2.Web.Tests.Pages;

/// <summary>The system page's silo list on a real two-silo cluster: a silo that stopped stays listed, as dead.</summary>
public sealed class ClusterOverviewTests
{
    [Fact]
    public async Task GetAsync_ListsADeadSilo_BesideTheActiveOne()
    {
        var cluster = new TestClusterBuilder(2).Build();
        await cluster.DeployAsync();
        try
        {
            var leaving = cluster.SecondarySilos[0];
            await cluster.StopSiloAsync(leaving);
            var overview = new ClusterOverviewService(cluster.Client, new Plan2Options { Mode = HostingMode.Cluster });

            var silos = (await overview.GetAsync()).Silos;

            Assert.Equal(2, silos.Count);
            Assert.Equal("Active", silos[0].Status); // the living first
            Assert.Equal("Dead", Assert.Single(silos, s => s.Address == leaving.SiloAddress.ToParsableString()).Status);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
