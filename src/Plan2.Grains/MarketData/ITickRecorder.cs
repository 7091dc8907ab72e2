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
    ValueTask RecordBarsAsync(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles);
}
