using Plan2.Abstractions.MarketData;

namespace Plan2.Telegram.Tests;

/// <summary>One-minute bars of a noisy walk sent as ticks through the real instrument grain.</summary>
internal static class Bars
{
    public static long StartOfYesterday() => DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000;

    /// <summary>Bars [from, to), ten ticks each; the first tick of bar n closes bar n − 1.</summary>
    public static async Task PublishAsync(IInstrumentGrain instrument, string symbol, long t0, int from, int to, Random random, double[] mid)
    {
        for (var bar = from; bar < to; bar++)
        {
            var times = new long[10];
            var bids = new double[10];
            var asks = new double[10];
            for (var k = 0; k < 10; k++)
            {
                mid[0] += (random.NextDouble() - 0.5) * 0.0004;
                (times[k], bids[k], asks[k]) = (t0 + bar * 60_000L + k * 5_000, Math.Round(mid[0], 5), Math.Round(mid[0] + 0.0001, 5));
            }
            await instrument.PublishTicksAsync(new TickBatch(symbol, bar * 10, times, bids, asks, Record: false));
        }
    }
}
