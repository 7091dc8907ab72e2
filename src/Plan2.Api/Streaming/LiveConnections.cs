using System.Collections.Concurrent;

namespace Plan2.Api.Streaming;

/// <summary>Counts live connections (hub and WebSocket together) per tenant, against Plan2:Api:MaxLiveConnectionsPerTenant.</summary>
public sealed class LiveConnections(ApiOptions options)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for the tenant; false when it already holds its cap.</summary>
    public bool TryOpen(string tenant)
    {
        while (true)
        {
            var current = _counts.GetOrAdd(tenant, 0);
            if (current >= options.MaxLiveConnectionsPerTenant)
                return false;
            if (_counts.TryUpdate(tenant, current + 1, current))
                return true;
        }
    }

    public void Close(string tenant) => _counts.AddOrUpdate(tenant, 0, (_, n) => Math.Max(0, n - 1));
}
