using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Plan2.Grains.Tests.Trading.Parity;

/// <summary>
/// A one-silo cluster configured as the shared one, except that its clock is simulated: the parity test
/// sets it to each tick's time before sending the tick, as the backtester's clock is the ticks' own.
/// </summary>
public sealed class ParityClusterFixture : IAsyncLifetime
{
    // Static: the silo is built from a configurator type, and the test drives the same instance.
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero));

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
public sealed class ParityCollection : ICollectionFixture<ParityClusterFixture>
{
    public const string Name = "parity";
}
