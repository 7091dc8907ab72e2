using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Streaming;

/// <summary>
/// This web process's observers of the tenants its live clients belong to: each tenant's activity grain
/// pushes order changes and risk alerts here, tagged with that tenant, for the hub and the WebSocket
/// endpoint to hand on to that tenant's subscribers only. One observer per tenant, renewed like the market's,
/// held while any connection (a holder) still watches the tenant: each connection counts once however often it
/// subscribes or leaves, so one closing never stops the feed of another, and the last one leaving ends it.
/// </summary>
public sealed class LiveActivity(IGrainFactory grains, ILogger<LiveActivity> log) : BackgroundService
{
    private static readonly TimeSpan Renew = InstrumentDefaults.SubscriptionLifetime / 4;
    private readonly Dictionary<string, Watch> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public event Action<string, OrderView>? Order;
    public event Action<string, RiskAlertView>? RiskAlert;

    /// <summary>Makes sure the tenant's activity reaches this process while <paramref name="holder"/> (a connection id) watches it.</summary>
    public Task WatchAsync(string tenant, string holder)
    {
        Watch watch;
        bool first;
        lock (_gate)
        {
            first = !_tenants.TryGetValue(tenant, out watch!);
            if (first)
                _tenants[tenant] = watch = new Watch(new Listener(this, tenant));
            watch.Holders.Add(holder);
        }
        if (first)
            watch.Start(SubscribeAsync(tenant, watch));
        return watch.Subscribed;
    }

    /// <summary>The holder no longer watches the tenant (again: nothing); the last holder leaving ends the subscription.</summary>
    public void Release(string tenant, string holder)
    {
        Watch? ended = null;
        lock (_gate)
            if (_tenants.TryGetValue(tenant, out var watch) && watch.Holders.Remove(holder) && watch.Holders.Count == 0)
            {
                _tenants.Remove(tenant);
                ended = watch;
            }
        if (ended is not null)
            _ = EndAsync(tenant, ended);
    }

    /// <summary>How many connections watch the tenant here (0: none, and its grain no longer pushes to this process).</summary>
    internal int Holders(string tenant)
    {
        lock (_gate)
            return _tenants.TryGetValue(tenant, out var watch) ? watch.Holders.Count : 0;
    }

    private async Task<ITenantActivityObserver> SubscribeAsync(string tenant, Watch watch)
    {
        var reference = grains.CreateObjectReference<ITenantActivityObserver>(watch.Listener);
        try
        {
            await grains.GetGrain<ITenantActivityGrain>(tenant).SubscribeAsync(reference);
            return reference;
        }
        catch
        {
            lock (_gate)
                if (_tenants.TryGetValue(tenant, out var current) && current == watch)
                    _tenants.Remove(tenant); // the next subscriber tries again
            watch.Listener.Ended = true;
            throw;
        }
    }

    private async Task EndAsync(string tenant, Watch watch)
    {
        watch.Listener.Ended = true; // a newer watch of the tenant may already deliver: this one stays quiet meanwhile
        try
        {
            var reference = await watch.Subscribed;
            await grains.GetGrain<ITenantActivityGrain>(tenant).UnsubscribeAsync(reference);
            grains.DeleteObjectReference<ITenantActivityObserver>(reference);
        }
        catch (Exception e)
        {
            // The grain drops an observer it was not renewed for anyway; the listener above is silent already.
            log.LogDebug(e, "Ending the live activity subscription of tenant {Tenant} failed", tenant);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renew);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<(string Tenant, Watch Watch)> current;
            lock (_gate)
                current = _tenants.Select(t => (t.Key, t.Value)).ToList();
            foreach (var (tenant, watch) in current)
                try
                {
                    bool stillWatched;
                    lock (_gate)
                        stillWatched = _tenants.TryGetValue(tenant, out var now) && now == watch && !watch.Listener.Ended;
                    if (!stillWatched)
                        continue; // its last holder left meanwhile: renewing would put a deleted observer back on the grain
                    if (watch.Subscribed.IsCompletedSuccessfully)
                        await grains.GetGrain<ITenantActivityGrain>(tenant).SubscribeAsync(watch.Subscribed.Result);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Renewing the live activity subscription of tenant {Tenant} failed; trying again next round", tenant);
                }
        }
    }

    // The listener is held here: Orleans keeps only a weak reference to an observer object.
    private sealed class Watch(Listener listener)
    {
        private readonly TaskCompletionSource<Task<ITenantActivityObserver>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Listener Listener { get; } = listener;
        public HashSet<string> Holders { get; } = new(StringComparer.Ordinal);
        public Task<ITenantActivityObserver> Subscribed => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : _started.Task.Unwrap();

        public void Start(Task<ITenantActivityObserver> subscribing) => _started.TrySetResult(subscribing);
    }

    private sealed class Listener(LiveActivity owner, string tenant) : ITenantActivityObserver
    {
        public volatile bool Ended;

        public Task OnOrderAsync(OrderView order)
        {
            if (!Ended)
                owner.Order?.Invoke(tenant, order);
            return Task.CompletedTask;
        }

        public Task OnRiskAlertAsync(RiskAlertView alert)
        {
            if (!Ended)
                owner.RiskAlert?.Invoke(tenant, alert);
            return Task.CompletedTask;
        }
    }
}
