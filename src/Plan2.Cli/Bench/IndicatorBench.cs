using System.Diagnostics;
using System.Runtime.CompilerServices;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Cli.Bench;

/// <summary>
/// indicators_ns_per_bar: the whole standard set (10 indicators, 17 outputs) updated on one new bar,
/// over a seeded random-walk series; median of several passes after a warm-up pass (JIT tiering).
/// </summary>
internal static class IndicatorBench
{
    public static BenchResult Run(int bars = 500_000, int passes = 7)
    {
        var series = RandomWalk(bars * (passes + 1));
        var set = new IndicatorSet();
        var sink = Pass(set, series, 0, bars); // warm-up
        var nsPerBar = new List<double>();
        for (var p = 1; p <= passes; p++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += Pass(set, series, p * bars, bars);
            nsPerBar.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / bars);
        }
        nsPerBar.Sort();
        GC.KeepAlive(sink);
        return new BenchResult("indicators")
            .Add("indicators_ns_per_bar", Math.Round(nsPerBar[nsPerBar.Count / 2], 1))
            .Add("indicators_ns_per_bar_best", Math.Round(nsPerBar[0], 1))
            .Add("indicators", "sma20 ema20 rsi14 macd(12,26,9) bollinger(20,2) atr14 stochastic(14,3,3) adx14 cci20 williams_r14")
            .Add("bars_per_pass", bars)
            .Add("passes", passes);
    }

    // A method of its own, fully optimised from its first call: called once per pass (8 times, under tiering's 30 calls),
    // its loop would otherwise run as on-stack-replacement code. The indicators it calls tier up as in a live silo.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Pass(IndicatorSet set, Candle[] series, int from, int count)
    {
        for (var i = from; i < from + count; i++)
            set.Update(series[i]);
        return set.Current.Macd;
    }

    internal static Candle[] RandomWalk(int count)
    {
        var random = new Random(42);
        var candles = new Candle[count];
        var price = 110_000_000L;
        var t = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++, t += 60_000)
        {
            var open = price;
            var close = open + random.Next(-3_000, 3_001);
            var high = Math.Max(open, close) + random.Next(0, 2_000);
            var low = Math.Min(open, close) - random.Next(0, 2_000);
            candles[i] = new Candle(t, new Price(open), new Price(high), new Price(low), new Price(close), 60);
            price = close;
        }
        return candles;
    }
}
