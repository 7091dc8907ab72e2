using Plan2.Abstractions.MarketData;

namespace Plan2.Grains.MarketData;

/// <summary>Latest health of every feed, in memory: it is re-reported every second, so nothing needs storing.</summary>
public sealed class MarketFeedGrain(TimeProvider clock) : Grain, IMarketFeedGrain
{
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, FeedHealth> _feeds = new(StringComparer.Ordinal);

    Task IMarketFeedGrain.ReportAsync(FeedHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        _feeds[health.FeedId] = health with { ReportedAt = clock.GetUtcNow() };
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<FeedHealth>> IMarketFeedGrain.GetAllAsync()
    {
        var cutoff = clock.GetUtcNow() - Forget;
        foreach (var stale in _feeds.Values.Where(f => f.ReportedAt < cutoff).Select(f => f.FeedId).ToList())
            _feeds.Remove(stale);
        return Task.FromResult<IReadOnlyList<FeedHealth>>(_feeds.Values.OrderBy(f => f.FeedId, StringComparer.Ordinal).ToList());
    }
}
