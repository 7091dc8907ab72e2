using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Client;
using Plan2.Grains;
using Plan2.Grains.Identity;
using Plan2.Grains.MarketData;
using Plan2.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Trading;
using Plan2.Tests.Shared;

namespace Plan2.Client.Tests;

/// <summary>
/// One in-process silo that requires a grant from every gateway client, as the embedded platform does. Set-up
/// goes through the silo's own grain factory (its hosted client, trusted like the co-hosted web); the SDK
/// and the TestCluster's own client come in through the gateway.
/// </summary>
public sealed class SdkClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = BuildCluster();

    private static TestCluster BuildCluster()
    {
        var builder = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket; // the SDK connects over TCP, as integrators do
        return builder.Build();
    }

    /// <summary>The silo's own grain factory (platform side, no grant needed).</summary>
    public IGrainFactory Platform => ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public Plan2ClientOptions Options(string apiKey) => new()
    {
        ApiKey = apiKey,
        Gateway = $"127.0.0.1:{Cluster.Primary!.GatewayAddress!.Endpoint.Port}",
        ClusterId = Cluster.Options.ClusterId,
        ServiceId = Cluster.Options.ServiceId,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    public Task<Plan2Client> ConnectAsync(string apiKey) => Plan2Client.ConnectAsync(Options(apiKey));

    /// <summary>A new tenant with a paper account "main" (USD 100,000) and an API key of the role.</summary>
    public async Task<(string Tenant, string Key)> NewTenantAsync(UserRole role = UserRole.Trader)
    {
        var tenant = "t-" + Guid.NewGuid().ToString("n")[..10];
        await Platform.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Test " + tenant, "alice"));
        await Platform.GetGrain<IAccountGrain>($"{tenant}/main").OpenAsync(new OpenAccount("USD", PositionMode.Netting, 100_000m, Actor.User("alice")));
        return (tenant, await NewKeyAsync(tenant, role));
    }

    /// <summary>An API key of the role, created by a new admin of the tenant (a key's creator must be someone the tenant knows).</summary>
    public async Task<string> NewKeyAsync(string tenant, UserRole role)
    {
        var identity = Platform.GetGrain<ITenantIdentityGrain>(tenant);
        var admin = await identity.RegisterUserAsync(new NewUser($"admin-{Guid.NewGuid():n}@sdk.test", "a long enough password", UserRole.Admin));
        return (await identity.CreateApiKeyAsync("sdk " + role, role, admin.UserId)).Key;
    }

    /// <summary>A fresh quote, as the feed would publish it.</summary>
    public Task PublishQuoteAsync(string symbol, decimal bid, decimal ask) =>
        Platform.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, Random.Shared.NextInt64(1, long.MaxValue / 2),
            [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()], [(double)bid], [(double)ask], Record: false));

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage(StorageNames.GrainState)
            .AddMemoryGrainStorage(StreamNames.PubSubStore)
            .AddMemoryStreams(StreamNames.Provider, b => b.ConfigurePullingAgent(ob => ob.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20))))
            .UseInMemoryReminderService()
            .AddTenantIsolation(requireClientGrant: true)
            .ConfigureServices(s =>
            {
                s.AddSingleton(TimeProvider.System);
                s.AddPlan2Trading(HostingMode.Embedded, new ConfigurationBuilder().Build());
                s.AddSingleton(new MarketDataOptions { DataDir = TestFolders.Create("plan2-sdk-") });
                s.AddSingleton<TickStoreService>();
                s.AddSingleton<ITickRecorder>(sp => sp.GetRequiredService<TickStoreService>());
                s.AddSingleton<IInstrumentHistory>(sp => sp.GetRequiredService<TickStoreService>());
                s.AddHostedService(sp => sp.GetRequiredService<TickStoreService>());
            });
    }
}

[CollectionDefinition(Name)]
public sealed class SdkClusterCollection : ICollectionFixture<SdkClusterFixture>
{
    public const string Name = "sdk-cluster";
}
