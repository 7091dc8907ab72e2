using System.Globalization;
using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.Hosting.Predictions;

/// <summary>
/// Writes a symbol's stored M1 candles as a headerless MetaTrader bar file (mt-bars, UTC), the
/// format plan2 train reads: how the silo hands recent history to the trainer process without
/// sharing its store (DuckDB allows one process per file).
/// </summary>
public static class CandleExport
{
    public static async Task<int> WriteAsync(ITickStore store, string symbol, long fromMs, long toMs, string path, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path);
        var rows = 0;
        await foreach (var c in store.ReadCandlesAsync(symbol, Timeframe.M1, fromMs, toMs, ct))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{c.OpenTime.UtcDateTime:yyyy-MM-dd HH:mm},{c.Open},{c.High},{c.Low},{c.Close},{c.TickCount}"));
            rows++;
        }
        return rows;
    }
}
