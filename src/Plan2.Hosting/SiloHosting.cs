using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Plan2.Grains;
using Plan2.Grains.Diagnostics;
using Plan2.Grains.Identity;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Operations;
using Plan2.Hosting.Predictions;
using Plan2.Hosting.Security;
using Plan2.Hosting.Trading;
using StackExchange.Redis;

namespace Plan2.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// Hosts a silo in this process: localhost clustering and memory state when embedded; Redis
    /// membership and PostgreSQL state and reminders (schema applied first) in a cluster.
    /// </summary>
    public static Plan2Options AddPlan2Silo(this IHostApplicationBuilder builder, HostingMode? forceMode = null)
    {
        var options = builder.Configuration.GetPlan2Options();
        if (forceMode is { } mode)
            options.Mode = mode;
        if (options.Mode == HostingMode.Cluster)
        {
            var postgres = builder.Configuration.RequireConnectionString(ConnectionNames.Postgres);
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<OrleansSchemaSetup>(sp, postgres));
        }
        builder.AddPlan2MarketDataStore(options); // opened before the silo starts: hosted services start in order

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
            if (options.Mode == HostingMode.Embedded)
                ConfigureEmbedded(silo, options);
            else
                ConfigureCluster(silo, options, builder.Configuration);
            silo.AddDashboard();
            // The silo's own checks on every grain call (the edge checks first): a gateway client's API-key grant, then the tenant.
            silo.AddTenantIsolation(options.GatewayRequiresApiKey ?? options.Mode == HostingMode.Embedded);
            if (TelemetryHosting.IsEnabled(builder.Configuration))
                silo.AddActivityPropagation(); // grain calls as spans, for the OTLP traces
            silo.AddErrorDna(); // exceptions of grain calls and Error logs, fingerprinted for the ErrorDNA grain
            // Predictions go out on a stream for decoupled consumers (dashboards, bots, API). Not the hot
            // path: bar closes reach predictors by observer calls; a 50 ms poll costs little CPU when idle.
            silo.AddMemoryStreams(StreamNames.Provider, b => b.ConfigurePullingAgent(ob => ob.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50))));
        });
        builder.AddPlan2MarketFeeds(options.Mode);
        builder.AddPlan2Predictions();
        builder.AddPlan2Operations(options); // store errors as our own, store checks, the silo's health port
        builder.Services.AddPlan2Trading(options.Mode, builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        return options;
    }

    private static void ConfigureEmbedded(ISiloBuilder silo, Plan2Options options)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
        silo.AddMemoryGrainStorage(StorageNames.GrainState);
        silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
        silo.UseInMemoryReminderService();
    }

    private static void ConfigureCluster(ISiloBuilder silo, Plan2Options options, IConfiguration configuration)
    {
        var redis = configuration.RequireConnectionString(ConnectionNames.Redis);
        var postgres = configuration.RequireConnectionString(ConnectionNames.Postgres);
        silo.ConfigureEndpoints(ResolveAdvertised(options.AdvertisedHost), options.SiloPort, options.GatewayPort,
            listenOnAnyHostAddress: options.AdvertisedHost is not ("127.0.0.1" or "localhost"));
        silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        if (ClusterTls.Load(configuration) is { } certificate)
            silo.UsePlan2Tls(certificate); // silo-to-silo and gateway connections (Plan2__Tls__CertificatePath)
        foreach (var name in new[] { StorageNames.GrainState, StreamNames.PubSubStore })
        {
            silo.AddAdoNetGrainStorage(name, (AdoNetGrainStorageOptions o) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres;
                o.GrainStorageSerializer = new JsonGrainStorageSerializer();
            });
            silo.ConfigureServices(s => StoreErrorGrainStorage.Decorate(s, name)); // state read at activation fails as our error
        }
        silo.UseAdoNetReminderService(o => { o.Invariant = "Npgsql"; o.ConnectionString = postgres; });
        silo.AddPlan2Failover(); // membership and timeouts: how fast a dead or hung silo stops costing callers
    }

    private static IPAddress ResolveAdvertised(string host) =>
        IPAddress.TryParse(host, out var ip)
            ? ip
            : Dns.GetHostAddresses(host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
}
