using Plan2.Core.MarketData;

namespace Plan2.Grains.MarketData;

/// <summary>
/// Where an instrument's accepted ticks and closed candles go to be stored: a silo-wide service over
/// the tick store that queues writes so the feed never waits on the database (until its bounded
/// queue is full: then it waits, rather than losing anything).
/// </summary>
public interface ITickRecorder
{
    /// <summary>Queues accepted ticks; reads <paramref name="ticks"/> only during the call, so a caller may reuse the list.</summary>
    ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks);

    /// <summary>
    /// Queues accepted ticks (possibly none) of a feed batch that ends at sequence <paramref name="feedThrough"/>: the
    /// commit that stores them also stores that position, and then <see cref="WhenFeedStoredAsync"/> reports it.
    /// </summary>
    ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks, string feed, long feedThrough);

    /// <summary>The last sequence of <paramref name="feed"/> stored for the symbol (this process's commits or the store's cursor); 0 for none.</summary>
    Task<long> FeedPositionAsync(string symbol, string feed);

    /// <summary>Completes with the stored position once a commit covers <paramref name="through"/>; fails if the store gave up.</summary>
    Task<long> WhenFeedStoredAsync(string symbol, string feed, long through);
    ValueTask RecordBarsAsync(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles);
}
