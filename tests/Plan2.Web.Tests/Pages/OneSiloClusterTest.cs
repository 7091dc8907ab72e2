using Orleans.TestingHost;

namespace Plan2.Web.Tests.Pages;

/// <summary>A test class on one in-process silo configured by <typeparamref name="TSilo"/>, started before its tests and stopped after.</summary>
public abstract class OneSiloClusterTest<TSilo> : IAsyncLifetime where TSilo : ISiloConfigurator, new()
{
    protected TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<TSilo>().Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
