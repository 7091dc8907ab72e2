using Plan2.Core.MarketData;

namespace Plan2.Grains.MarketData;

/// <summary>
/// What grains read back from the tick store: a new instrument activation its recent bars, so that an idle
/// collection or a lost silo does not leave it (and the predictors warming up on it) without bars, indicators
/// or a quote; an account the quote at a period's start, to mark the positions it held then.
/// </summary>
public interface IInstrumentHistory
{
    /// <summary>The last closed bars of each timeframe (at most <paramref name="barsPerTimeframe"/>) and the ticks after the last closed M1 bar.</summary>
    Task<StoredHistory> ReadRecentAsync(string symbol, int barsPerTimeframe, CancellationToken ct = default);

    /// <summary>The last stored tick stamped before <paramref name="beforeMs"/> (within a week before it), or null.</summary>
    Task<Tick?> ReadQuoteBeforeAsync(string symbol, long beforeMs, CancellationToken ct = default);
}

/// <summary>Closed bars per timeframe (oldest first) and the ticks of the candles still in progress.</summary>
public sealed record StoredHistory(IReadOnlyDictionary<Timeframe, IReadOnlyList<Candle>> ClosedBars, IReadOnlyList<Tick> TicksSince)
{
    public static StoredHistory Empty { get; } = new(new Dictionary<Timeframe, IReadOnlyList<Candle>>(), []);
}
