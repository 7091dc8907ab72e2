using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Plan2.Core.Execution;
using Plan2.Core.Trading.Instruments;
using Plan2.Grains.Trading;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Venues;

namespace Plan2.Hosting.Trading;

public static class TradingHosting
{
    /// <summary>
    /// What the order and account grains need: the order journal (PostgreSQL with group commit in a
    /// cluster, memory when embedded), the paper broker (Plan2:Paper: Latency, SlippageTicks,
    /// SlippageSpreadFraction, DepthPerQuote, CommissionPerLot), how often grains holding live orders wake
    /// (Plan2:Trading:WakeEvery, a reminder period, default 1 minute), account snapshots (PostgreSQL in a cluster;
    /// Plan2:Trading:Snapshots: Every, Settle, KeepClosedOrders) and the instrument catalog.
    /// </summary>
    public static IServiceCollection AddPlan2Trading(this IServiceCollection services, HostingMode mode, IConfiguration configuration)
    {
        if (mode == HostingMode.Cluster)
        {
            var postgres = configuration.RequireConnectionString(ConnectionNames.Postgres);
            services.AddSingleton<IOrderJournal>(_ => new PostgresOrderJournal(postgres));
            services.AddSingleton<IAccountSnapshotStore>(_ => new PostgresAccountSnapshotStore(postgres)); // embedded: none, the journal is in memory
        }
        else
            services.AddSingleton<IOrderJournal, MemoryOrderJournal>();
        var paper = configuration.GetSection("Plan2:Paper").Get<PaperFillSettings>() ?? PaperFillSettings.Default;
        services.AddSingleton(paper);
        services.AddSingleton(configuration.GetSection("Plan2:Trading").Get<TradingWakeOptions>() ?? new TradingWakeOptions());
        services.AddSingleton(configuration.GetSection("Plan2:Trading:Snapshots").Get<AccountSnapshotOptions>() ?? new AccountSnapshotOptions());
        services.AddSingleton<InstrumentCatalog>(TradingInstruments.Default);
        services.AddSingleton<IOrderVenue, PaperBrokerVenue>();
        services.AddSingleton<OrderVenues>(); // by route: the paper broker, or an MT5 terminal (Mt5Venue)
        // A failover's first rebuilds and orders on this silo do not pay for compiling them (the whole order path in a cluster).
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ReplayWarmUpService>(sp, mode == HostingMode.Cluster));
        return services;
    }
}
