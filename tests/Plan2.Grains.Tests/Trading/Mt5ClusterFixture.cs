using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Plan2.Grains.MarketData;
using Plan2.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Trading;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A two-silo TestCluster like <see cref="ClusterFixture"/> whose silos each host the real MT5 bridge on a
/// free loopback port, with the trading half of its sink: terminals (the C# twin) dial silo 0, while the
/// order and account grains live on either silo, so orders cross silos to reach the terminal's connection.
/// </summary>
public sealed class Mt5ClusterFixture : IAsyncLifetime
{
    public const string Token = "mt5-route-test-token";

    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    /// <summary>The bridge of the first silo: where the tests' terminals connect.</summary>
    public BridgeService Bridge => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<BridgeService>();

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
            silo.ConfigureServices(s =>
            {
                var bridge = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Plan2:Bridge:Port"] = "0",
                    ["Plan2:Bridge:AuthToken"] = Token,
                    ["Plan2:Bridge:OrderTimeout"] = "00:00:02", // the lost-result test waits it out
                }).Build();
                s.AddSingleton<Mt5TerminalLink>();
                s.AddHostedService(sp => sp.GetRequiredService<Mt5TerminalLink>());
                s.AddSingleton<GrainBridgeSink>();
                s.AddSingleton(sp => new BridgeService(bridge, sp.GetRequiredService<MarketDataOptions>(), new Plan2Options(),
                    sp.GetRequiredService<GrainBridgeSink>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
                s.AddHostedService(sp => sp.GetRequiredService<BridgeService>());
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class Mt5ClusterCollection : ICollectionFixture<Mt5ClusterFixture>
{
    public const string Name = "mt5-cluster";
}
