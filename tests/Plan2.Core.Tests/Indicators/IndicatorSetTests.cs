using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

public class IndicatorSetTests
{
    private static IndicatorSet Feed(IEnumerable<Candle> bars)
    {
        var set = new IndicatorSet();
        foreach (var bar in bars)
            set.Update(bar);
        return set;
    }

    private static double[] AllFields(IndicatorValues v) =>
    [
        v.Sma20, v.Ema20, v.Rsi14, v.Macd, v.MacdSignal, v.MacdHist, v.BbUpper, v.BbMiddle, v.BbLower, v.Atr14,
        v.StochK, v.StochD, v.Adx14, v.PlusDi, v.MinusDi, v.Cci20, v.WilliamsR14,
    ];

    [Fact]
    public void Current_SkenderQuotes_MatchesPublishedValuesFieldByField()
    {
        // Skender Stock.Indicators results/*.standard.json at index 49. Each field checked against its own
        // published value, so a field wired to the wrong indicator output fails here.
        var bars = SkenderQuotes.Bars();
        var v = Feed(bars).Current;

        Expect.Near(223.91750000000002, v.Sma20, 1e-9, nameof(v.Sma20), 49);
        Expect.Near(223.2427784077378, v.Ema20, 1e-9, nameof(v.Ema20), 49);
        Expect.Near(67.19318485995079, v.Rsi14, 1e-9, nameof(v.Rsi14), 49);
        Expect.Near(1.7202896473947362, v.Macd, 1e-9, nameof(v.Macd), 49);
        Expect.Near(1.967536617434965, v.MacdSignal, 1e-9, nameof(v.MacdSignal), 49);
        Expect.Near(-0.2472469700402289, v.MacdHist, 1e-9, nameof(v.MacdHist), 49);
        Expect.Near(226.29470739524345, v.BbUpper, 1e-9, nameof(v.BbUpper), 49);
        Expect.Near(223.91750000000002, v.BbMiddle, 1e-9, nameof(v.BbMiddle), 49);
        Expect.Near(221.5402926047566, v.BbLower, 1e-9, nameof(v.BbLower), 49);
        Expect.Near(50.39596832253425, v.StochK, 1e-9, nameof(v.StochK), 49);
        Expect.Near(46.42880310868669, v.StochD, 1e-9, nameof(v.StochD), 49);
        Expect.Near(39.21261116806794, v.Adx14, 1e-9, nameof(v.Adx14), 49);
        Expect.Near(35.73069011744963, v.PlusDi, 1e-9, nameof(v.PlusDi), 49);
        Expect.Near(17.007897434192135, v.MinusDi, 1e-9, nameof(v.MinusDi), 49);
        Expect.Near(113.11766335909371, v.Cci20, 1e-9, nameof(v.Cci20), 49);
        Expect.Near(-27.861771058315185, v.WilliamsR14, 1e-9, nameof(v.WilliamsR14), 49);
        // Skender skips the first bar's TR (our first TR is high − low), so ATR is checked against ours alone.
        var atr = new AverageTrueRange(14);
        foreach (var bar in bars)
            atr.Update(bar);
        Assert.Equal(atr.Value, v.Atr14);
    }

    [Fact]
    public void Current_NoBars_IsAllNaN()
    {
        var set = new IndicatorSet();

        Assert.False(set.IsReady);
        Assert.All(AllFields(set.Current), f => Assert.True(double.IsNaN(f)));
    }

    [Fact]
    public void Current_OneBarShortOfWarmUp_IsNotReadyAndMacdSignalNaN()
    {
        var set = Feed(SyntheticBars.Generate(33));

        Assert.Equal(34, set.WarmUpPeriod);
        Assert.False(set.IsReady);
        Assert.True(double.IsNaN(set.Current.MacdSignal));
    }

    [Fact]
    public void Current_WarmUpBars_IsReadyAndAllFinite()
    {
        var set = Feed(SyntheticBars.Generate(34));

        Assert.True(set.IsReady);
        Assert.All(AllFields(set.Current), f => Assert.True(double.IsFinite(f)));
    }

    [Fact]
    public void Current_SameBarsInTwoSets_AreEqualIncludingNaNFields()
    {
        var bars = SyntheticBars.Generate(20);

        Assert.Equal(Feed(bars).Current, Feed(bars).Current);
        Assert.NotEqual(Feed(bars).Current, Feed(bars[..19]).Current);
    }

    [Fact]
    public void Update_BarNotAfterPrevious_Throws()
    {
        var bars = SyntheticBars.Generate(2);
        var set = Feed(bars);

        Assert.Throws<ArgumentException>(() => set.Update(bars[1]));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Update_ImpossibleBar_Throws()
    {
        var highBelowLow = new Candle(0, TestBars.P(1.1), TestBars.P(1.0), TestBars.P(1.2), TestBars.P(1.1));

        Assert.Throws<ArgumentException>(() => new IndicatorSet().Update(highBelowLow));
    }

    [Fact]
    public void Update_ManyBars_AllocatesNothing()
    {
        var bars = SyntheticBars.Generate(20_000);
        var set = new IndicatorSet();
        var checksum = 0.0;
        // First half outside the measurement: JIT tiering and static setup may allocate once.
        for (var i = 0; i < 10_000; i++)
            set.Update(bars[i]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 10_000; i < bars.Length; i++)
        {
            set.Update(bars[i]);
            checksum += set.Current.Rsi14;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(checksum));
    }
}

public class IndicatorSetSharingTests
{
    [Fact]
    public void WilliamsR14_ReadFromTheStochastic_EqualsTheStandaloneIndicatorBitForBit()
    {
        // The set reads %R from the stochastic's fast %K instead of keeping a WilliamsPercentR of its own.
        var set = new IndicatorSet();
        var williams = new WilliamsPercentR(14);
        var defined = 0;
        foreach (var bar in SyntheticBars.Generate(3_000))
        {
            set.Update(bar);
            williams.Update(bar);
            var fromSet = set.Current.WilliamsR14;
            Assert.Equal(BitConverter.DoubleToInt64Bits(williams.Value), BitConverter.DoubleToInt64Bits(fromSet));
            if (double.IsFinite(fromSet)) defined++;
        }
        Assert.Equal(3_000 - 13, defined);
    }
}
