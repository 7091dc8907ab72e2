namespace Plan2.Core.MarketData;

/// <summary>
/// One bar: open time (Unix ms, UTC), OHLC, how many ticks built it and their volume. Candles built
/// from ticks use the bid, as MetaTrader's charts do.
/// </summary>
public readonly record struct Candle(long OpenTimeMs, Price Open, Price High, Price Low, Price Close, long TickCount = 0, double Volume = 0)
{
    public DateTimeOffset OpenTime => DateTimeOffset.FromUnixTimeMilliseconds(OpenTimeMs);

    /// <summary>Null when the bar is possible; otherwise why not.</summary>
    public string? Problem =>
        !Open.IsPositive || !High.IsPositive || !Low.IsPositive || !Close.IsPositive ? "non-positive price"
        : High < Low ? "high below low"
        : High < Open || High < Close ? "high below open or close"
        : Low > Open || Low > Close ? "low above open or close"
        : null;
}
