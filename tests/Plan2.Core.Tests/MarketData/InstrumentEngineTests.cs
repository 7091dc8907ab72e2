using Microsoft.Extensions.Time.Testing;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.MarketData;

public class InstrumentEngineTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly long T0 = new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static InstrumentEngine NewEngine() => new("EURUSD", TickValidationOptions.Default, new FakeTimeProvider(Now));

    private static (long[] Times, double[] Bids, double[] Asks) Walk(int n, int seed = 3)
    {
        var random = new Random(seed);
        var (times, bids, asks) = (new long[n], new double[n], new double[n]);
        var t = T0;
        var mid = 1.08;
        for (var i = 0; i < n; i++)
        {
            t += random.Next(50, 4_000);
            mid += (random.NextDouble() - 0.5) * 0.0001;
            (times[i], bids[i], asks[i]) = (t, Math.Round(mid - 0.00005, 5), Math.Round(mid + 0.00005, 5));
        }
        return (times, bids, asks);
    }

    [Fact]
    public void Apply_EveryTimeframe_EqualsCandlesAndIndicatorsBuiltSeparately()
    {
        var (times, bids, asks) = Walk(60_000);
        var engine = NewEngine();
        var closes = new List<BarClose>();

        var accepted = engine.Apply(times, bids, asks, null, closes);

        Assert.Equal(times.Length, accepted);
        foreach (var tf in TimeframeExtensions.All)
        {
            var builder = new CandleBuilder(tf);
            var set = new IndicatorSet();
            var expected = new List<BarClose>();
            for (var i = 0; i < times.Length; i++)
            {
                var tick = new Tick(times[i], Price.FromDouble(bids[i])!.Value, Price.FromDouble(asks[i])!.Value);
                if (builder.OnTick(tick, out var candle))
                {
                    set.Update(candle);
                    expected.Add(new BarClose(tf, candle, set.Current, expected.Count + 1));
                }
            }
            Assert.Equal(expected, closes.Where(c => c.Timeframe == tf));
        }
    }

    [Fact]
    public void Apply_BadTicksInABatch_AreCountedAndSkipped_TheRestApplied()
    {
        var engine = NewEngine();
        long[] times = [T0, T0 + 1, T0 + 2, T0 + 3];
        double[] bids = [1.1, double.NaN, 1.2, 1.1001];
        double[] asks = [1.1001, 1.1, 1.1, 1.1002];
        var accepted = new List<Tick>();

        Assert.Equal(2, engine.Apply(times, bids, asks, accepted, null));

        Assert.Equal(1, engine.Validation.Rejected(TickRejectReason.NotANumber));
        Assert.Equal(1, engine.Validation.Rejected(TickRejectReason.BidAboveAsk));
        Assert.Equal(accepted[^1], engine.LastQuote);
        Assert.Equal(Price.Parse("1.1001"), engine.LastQuote!.Value.Bid);
    }

    [Fact]
    public void RecentBars_AreTheNewestOldestFirst_BoundedByWhatIsKept()
    {
        var (times, bids, asks) = Walk(30_000);
        var engine = new InstrumentEngine("EURUSD", TickValidationOptions.Default, new FakeTimeProvider(Now), keepBars: 50);
        var closes = new List<BarClose>();
        engine.Apply(times, bids, asks, null, closes);
        var m1 = closes.Where(c => c.Timeframe == Timeframe.M1).ToList();

        var recent = engine.RecentBars(Timeframe.M1, 80);

        Assert.Equal(m1.TakeLast(50), recent);
    }

    [Fact]
    public void Apply_MismatchedArrays_Throws() =>
        Assert.Throws<ArgumentException>(() => NewEngine().Apply(new long[2], new double[1], new double[2], null, null));
}
