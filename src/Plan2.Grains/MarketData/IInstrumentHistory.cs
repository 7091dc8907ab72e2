using Plan2.Core.MarketData;

namespace Plan2.Grains.MarketData;

/// <summary>
/// What a new instrument activation reads back from the tick store, so that an idle collection or a lost silo
/// does not leave it (and the predictors warming up on it) without recent bars, indicators or a quote.
/// </summary>
public interface IInstrumentHistory
{
    /// <summary>The last closed bars of each timeframe (at most <paramref name="barsPerTimeframe"/>) and the ticks after the last closed M1 bar.</summary>
    Task<StoredHistory> ReadRecentAsync(string symbol, int barsPerTimeframe, CancellationToken ct = default);
}

/// <summary>Closed bars per timeframe (oldest first) and the ticks of the candles still in progress.</summary>
public sealed record StoredHistory(IReadOnlyDictionary<Timeframe, IReadOnlyList<Candle>> ClosedBars, IReadOnlyList<Tick> TicksSince)
{
    public static StoredHistory Empty { get; } = new(new Dictionary<Timeframe, IReadOnlyList<Candle>>(), []);
}
