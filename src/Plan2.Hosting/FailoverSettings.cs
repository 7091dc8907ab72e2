using Plan2.Abstractions.Trading;
using Orleans.Configuration;

namespace Plan2.Hosting;

/// <summary>
/// How fast a dead or hung silo stops costing callers time, in one place (README "Failover" explains each
/// value). Measured by the fault tests (tests/Plan2.Integration.Tests/Faults) and the benchmark report.
/// </summary>
public static class FailoverSettings
{
    /// <summary>
    /// A client call unanswered this long fails (30 s by default). Orders do not wait for it: OrderResend resends them after
    /// 500 ms. Shorter failed first calls on a busy machine (a new tenant: activation, PostgreSQL, password hashing took > 5 s).
    /// </summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A call between silos: a hung silo is declared dead (and its calls broken) well before this; it bounds a hung grain.</summary>
    public static readonly TimeSpan SiloResponseTimeout = TimeSpan.FromSeconds(10);

    public static ISiloBuilder AddPlan2Failover(this ISiloBuilder silo) => silo
        .Configure<ClusterMembershipOptions>(o =>
        {
            // Defaults take ~12 s to declare a killed silo dead and ~65 s a hung one (ORLEANS-NOTES.md).
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            // Probes adapt their period and timeout to the response times seen (phi accrual), between these bounds. A killed
            // silo refuses probes at once, so the period decides: two misses (direct, then through another silo) took up to
            // 2 × 0.5 s (the default floor, ProbeTimeout / 2) per voter; 0.3 s brings a kill's declaration under 1 s. Slow
            // answers still raise the timeout (and a starved prober extends its own), so a busy silo is not evicted for it.
            o.MinProbeTimeout = TimeSpan.FromMilliseconds(300);
            o.NumMissedProbesLimit = 2;
            // A hung silo keeps its sockets open; votes against it wait until its connection has been silent for
            // MaxProbeTimeout × NumMissedProbesLimit (4× ProbeTimeout × 2 = 8 s by default): 2 s caps that at 4 s.
            o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
            // Two silos must agree (the default, kept on purpose): one slow or partitioned silo cannot evict a healthy one alone.
            o.NumVotesForDeathDeclaration = 2;
            // A voter votes again on every failed probe while its target stays unreachable (at most every MaxProbeTimeout,
            // extended on a degraded voter), so a real failure's votes stay fresh; an old vote from a passing stall (GC, a
            // starved thread pool) must not add up with another silo's unrelated stall minutes later. 2 min by default.
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        })
        .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = SiloResponseTimeout);

    public static IClientBuilder AddPlan2Failover(this IClientBuilder client) => client
        // Clients learn which gateways are alive from the membership table, every minute by default: a dead or hung
        // gateway kept getting requests (each waiting out the response timeout) for up to that long.
        .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
        .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClientResponseTimeout)
        .AddOutgoingGrainCallFilter<OrderResendFilter>() // every order placement is resent while unanswered (idempotent)
        .AddOutgoingGrainCallFilter<ReadRetryFilter>(); // reads are sent again after a failure of the path
}
