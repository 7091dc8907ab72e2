using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Plan2.Grains.Tests.Trading.Clock;

/// <summary>
/// A one-silo cluster configured as the shared one but on a simulated clock that only the tests move
/// (a Tuesday in 2030 to start), for behaviour that happens at a time rather than on a tick.
/// </summary>
public sealed class ClockClusterFixture : IAsyncLifetime
{
    // Static: the silo is built from a configurator type, and the tests drive the same instance.
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 8, 9, 0, 0, TimeSpan.Zero));

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

[CollectionDefinition(Name)]
public sealed class ClockCollection : ICollectionFixture<ClockClusterFixture>
{
    public const string Name = "clock";
}
