using Orleans.Configuration;
using Plan2.Abstractions.Trading;

namespace Plan2.Abstractions.Operations;

/// <summary>
/// How an Orleans client of the cluster lives through a dead or hung silo, in one place for every client: the platform's
/// own (web, API, Telegram bot: Plan2.Hosting FailoverSettings) and the integrators' SDK (Plan2.Client), which ships
/// this assembly but not Plan2.Hosting. Two hand-kept copies had drifted: the SDK lacked the read retries.
/// README "Failover" explains each value.
/// </summary>
public static class ClientFailover
{
    /// <summary>
    /// Clients learn which gateways are alive from the membership table, every minute by default: a dead or hung
    /// gateway kept getting requests (each waiting out the response timeout) for up to that long.
    /// </summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A client call unanswered this long fails (30 s by default). Orders do not wait for it: OrderResend resends them after
    /// 500 ms. Shorter failed first calls on a busy machine (a new tenant: activation, PostgreSQL, password hashing took > 5 s).
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    public static IClientBuilder AddClientFailover(this IClientBuilder client) => client
        .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
        .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout)
        .AddOutgoingGrainCallFilter<OrderResendFilter>() // every order placement is resent while unanswered (idempotent)
        .AddOutgoingGrainCallFilter<ReadRetryFilter>(); // reads are sent again after a failure of the path
}
