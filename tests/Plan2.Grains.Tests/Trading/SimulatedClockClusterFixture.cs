using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Where a simulated clock starts: each fixture names its own, and gets its own clock.</summary>
public interface ISimulatedClockStart
{
    static abstract DateTimeOffset Start { get; }
}

/// <summary>
/// A one-silo cluster configured as the shared one, except that the grains' clock is simulated and moved
/// only by the tests. <typeparamref name="TSelf"/> is the fixture itself, so each has a clock of its own.
/// </summary>
public abstract class SimulatedClockClusterFixture<TSelf> : IAsyncLifetime where TSelf : ISimulatedClockStart
{
    // Static: the silo is built from a configurator type, and the tests drive the same instance.
    public static FakeTimeProvider Clock { get; } = new(TSelf.Start);

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            new ClusterFixture.SiloConfigurator().Configure(silo);
            silo.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock)); // registered last: the grains' clock
        }
    }
}
