using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Streaming;

/// <summary>
/// This web process's observers of the tenants its live clients belong to: each tenant's activity grain
/// pushes order changes and risk alerts here, tagged with that tenant, for the hub and the WebSocket
/// endpoint to hand on to that tenant's subscribers only. One observer per tenant, renewed like the market's.
/// </summary>
public sealed class LiveActivity(IGrainFactory grains, ILogger<LiveActivity> log) : BackgroundService
{
    private static readonly TimeSpan Renew = InstrumentDefaults.SubscriptionLifetime / 4;
    private readonly ConcurrentDictionary<string, Lazy<Task<Subscription>>> _tenants = new(StringComparer.Ordinal);

    public event Action<string, OrderView>? Order;
    public event Action<string, RiskAlertView>? RiskAlert;

    /// <summary>Makes sure the tenant's activity reaches this process (idempotent, cheap after the first call).</summary>
    public Task WatchAsync(string tenant) => _tenants.GetOrAdd(tenant, t => new(() => SubscribeAsync(t))).Value;

    private async Task<Subscription> SubscribeAsync(string tenant)
    {
        var listener = new Listener(this, tenant);
        var reference = grains.CreateObjectReference<ITenantActivityObserver>(listener);
        try
        {
            await grains.GetGrain<ITenantActivityGrain>(tenant).SubscribeAsync(reference);
        }
        catch
        {
            _tenants.TryRemove(tenant, out _); // the next subscriber tries again
            throw;
        }
        return new Subscription(listener, reference);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renew);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            foreach (var (tenant, subscription) in _tenants)
                try
                {
                    if (subscription.Value.IsCompletedSuccessfully)
                        await grains.GetGrain<ITenantActivityGrain>(tenant).SubscribeAsync(subscription.Value.Result.Reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Renewing the live activity subscription of tenant {Tenant} failed; trying again next round", tenant);
                }
    }

    // The listener is held here: Orleans keeps only a weak reference to an observer object.
    private sealed record Subscription(Listener Listener, ITenantActivityObserver Reference);

    private sealed class Listener(LiveActivity owner, string tenant) : ITenantActivityObserver
    {
        public Task OnOrderAsync(OrderView order)
        {
            owner.Order?.Invoke(tenant, order);
            return Task.CompletedTask;
        }

        public Task OnRiskAlertAsync(RiskAlertView alert)
        {
            owner.RiskAlert?.Invoke(tenant, alert);
            return Task.CompletedTask;
        }
    }
}
