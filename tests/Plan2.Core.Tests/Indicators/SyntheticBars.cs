using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

/// <summary>
/// A seeded FX-like random walk (5 decimals, M1 bars) with gaps and, every 700 bars, a 40-bar flat stretch
/// where open = high = low = close, so zero-range and zero-change branches run too. Deterministic per seed.
/// </summary>
internal static class SyntheticBars
{
    private const long Point = 1_000; // 1e-5 in Price units

    public static Candle[] Generate(int count, int seed = 7)
    {
        var random = new Random(seed);
        var bars = new Candle[count];
        var close = 110_000 * Point;
        for (var i = 0; i < count; i++)
        {
            if (i % 700 is >= 300 and < 340)
            {
                bars[i] = new Candle(i * 60_000L, new Price(close), new Price(close), new Price(close), new Price(close));
                continue;
            }
            var open = close + (random.Next(20) == 0 ? random.Next(-80, 81) * Point : 0);
            close = open + random.Next(-30, 31) * Point;
            var high = Math.Max(open, close) + random.Next(0, 16) * Point;
            var low = Math.Min(open, close) - random.Next(0, 16) * Point;
            bars[i] = new Candle(i * 60_000L, new Price(open), new Price(high), new Price(low), new Price(close));
        }
        return bars;
    }
}
