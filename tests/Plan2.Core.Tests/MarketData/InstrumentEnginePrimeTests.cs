using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.MarketData;

/// <summary>A new activation primed from stored bars and ticks must carry on exactly as if it had never stopped.</summary>
public class InstrumentEnginePrimeTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly long T0 = new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static InstrumentEngine NewEngine() => new("EURUSD", TickValidationOptions.Default, new FakeTimeProvider(Now));

    private static Tick[] Walk(int n)
    {
        var random = new Random(7);
        var ticks = new Tick[n];
        var (t, mid) = (T0, 1.08);
        for (var i = 0; i < n; i++)
        {
            t += random.Next(50, 4_000);
            mid += (random.NextDouble() - 0.5) * 0.0001;
            ticks[i] = new Tick(t, Price.FromDecimal(Math.Round((decimal)mid - 0.00005m, 5)), Price.FromDecimal(Math.Round((decimal)mid + 0.00005m, 5)));
        }
        return ticks;
    }

    [Theory]
    [InlineData(30_000)]
    [InlineData(41_234)]
    public void PrimedFromStoredBarsAndTicks_ContinuesLikeAnEngineThatSawEverything(int cut)
    {
        var ticks = Walk(60_000);
        var whole = NewEngine();
        var history = new List<BarClose>();
        foreach (var tick in ticks.AsSpan(0, cut))
            whole.Apply(tick, history);

        // What the store holds at the cut: every closed bar of each timeframe, and the ticks.
        var stored = TimeframeExtensions.All.ToDictionary(tf => tf,
            tf => (IReadOnlyList<Candle>)history.Where(c => c.Timeframe == tf).Select(c => c.Candle).ToList());
        var primed = NewEngine();
        primed.Prime(stored, ticks[..cut]);

        Assert.Equal(whole.LastQuote, primed.LastQuote);
        foreach (var tf in TimeframeExtensions.All)
        {
            Assert.Equal(whole.RecentBars(tf, 300), primed.RecentBars(tf, 300));
            Assert.Equal(whole.FormingCandle(tf), primed.FormingCandle(tf));
        }
        var (expected, actual) = (new List<BarClose>(), new List<BarClose>());
        foreach (var tick in ticks.AsSpan(cut))
        {
            whole.Apply(tick, expected);
            primed.Apply(tick, actual);
        }
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual); // candles, indicator readings and sequence numbers
    }

    [Fact]
    public void PrimedFromTheLastBarsOnly_KeepsThoseAsRecentBars_AndRebuildsTheCandleInProgress()
    {
        var ticks = Walk(20_000);
        var whole = NewEngine();
        var history = new List<BarClose>();
        foreach (var tick in ticks)
            whole.Apply(tick, history);
        var m1 = history.Where(c => c.Timeframe == Timeframe.M1).Select(c => c.Candle).TakeLast(50).ToList();
        var lastM1End = m1[^1].OpenTimeMs + 60_000;
        var since = ticks.Where(t => t.TimeMs >= lastM1End - 120_000).ToList(); // older ticks are ignored

        var primed = NewEngine();
        primed.Prime(new Dictionary<Timeframe, IReadOnlyList<Candle>> { [Timeframe.M1] = m1 }, since);

        Assert.Equal(m1, primed.RecentBars(Timeframe.M1, 300).Select(b => b.Candle));
        Assert.Equal(whole.FormingCandle(Timeframe.M1), primed.FormingCandle(Timeframe.M1));
        Assert.Equal(ticks[^1], primed.LastQuote);
        Assert.Equal(0, primed.Validation.Accepted); // nothing was fed through validation

        var late = ticks[^2];
        var closes = new List<BarClose>();
        Assert.Equal(0, primed.Apply([late.TimeMs], [late.Bid.ToDouble()], [late.Ask.ToDouble()], null, closes));
        Assert.Equal(1, primed.Validation.Rejected(TickRejectReason.OutOfOrder));
        Assert.Equal(ticks[^1], primed.LastQuote);
        Assert.Empty(closes);
    }
}
