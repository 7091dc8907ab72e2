using Plan2.Abstractions.Operations;
using Orleans.Configuration;

namespace Plan2.Hosting;

/// <summary>
/// How fast a dead or hung silo stops costing callers time, in one place (README "Failover" explains each
/// value). Measured by the fault tests (tests/Plan2.Integration.Tests/Faults) and the benchmark report.
/// </summary>
public static class FailoverSettings
{
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

    /// <summary>Gateway refresh, response timeout, order resends and read retries: the same as the SDK's (one definition).</summary>
    public static IClientBuilder AddPlan2Failover(this IClientBuilder client) => client.AddClientFailover();
}
