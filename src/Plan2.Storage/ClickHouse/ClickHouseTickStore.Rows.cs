using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.ClickHouse;

public sealed partial class ClickHouseTickStore
{
    // Lazy: the driver pulls one batch of rows at a time.
    private static IEnumerable<CandleRow> CandleRows(CandleRun run)
    {
        var (symbol, timeframe, candles) = run;
        for (var i = 0; i < candles.Length; i++)
        {
            var c = candles.Span[i];
            yield return new CandleRow
            {
                Symbol = symbol, Timeframe = (ushort)timeframe, OpenTime = UtcFromMs(c.OpenTimeMs),
                Open = c.Open.Units, High = c.High.Units, Low = c.Low.Units, Close = c.Close.Units,
                TickCount = c.TickCount, Volume = c.Volume,
            };
        }
    }

    // Integer ticks, not AddMilliseconds(double): exact for every millisecond.
    private static DateTime UtcFromMs(long ms) =>
        new(DateTime.UnixEpoch.Ticks + ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
