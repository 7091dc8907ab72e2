using System.Collections.Concurrent;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Api.Auth;

/// <summary>
/// Each tenant's request quota (TenantSettings.ApiRequestsPerMinute), cached for the rate limiter, which
/// must decide synchronously. Authentication warms the entry (it is async anyway), so the limiter always
/// sees the tenant's own figure; a change made through this process applies at once, others within a minute.
/// </summary>
public sealed class TenantQuotas(IGrainFactory grains, ApiOptions options, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (int PerMinute, DateTimeOffset ReadAt)> _cache = new();

    public int RequestsPerMinute(string tenantId) =>
        _cache.TryGetValue(tenantId, out var entry) ? entry.PerMinute : options.DefaultRequestsPerMinute;

    public async Task WarmAsync(string tenantId)
    {
        if (_cache.TryGetValue(tenantId, out var entry) && clock.GetUtcNow() - entry.ReadAt < Lifetime)
            return;
        var profile = await grains.GetGrain<ITenantGrain>(tenantId).GetAsync();
        _cache[tenantId] = (profile?.Settings.ApiRequestsPerMinute ?? options.DefaultRequestsPerMinute, clock.GetUtcNow());
    }

    public void Forget(string tenantId) => _cache.TryRemove(tenantId, out _);
}
