using Plan2.Core.Indicators;

namespace Plan2.Core.Tests.Indicators;

public class SimpleMovingAverageTests
{
    private static double[] Run(int period, double[] values)
    {
        var sma = new SimpleMovingAverage(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            sma.Update(values[i]);
            output[i] = sma.Value;
        }
        return output;
    }

    private static double[] Closes(Plan2.Core.MarketData.Candle[] bars) => Array.ConvertAll(bars, b => b.Close.ToDouble());

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedSma20()
    {
        // Skender Stock.Indicators, results/sma.standard.json (also Sma.StaticSeries.Tests: [19] 214.525, [24] 215.031).
        var sma = Run(20, Closes(SkenderQuotes.Bars()));

        Expect.Near(214.525, sma[19], 1e-9, "SMA(20)", 19);
        Expect.Near(215.031, sma[24], 1e-9, "SMA(20)", 24);
        Expect.Near(223.9175, sma[49], 1e-9, "SMA(20)", 49);
    }

    [Fact]
    public void Update_TulipSample_MatchesPublishedSma5()
    {
        // Tulip Indicators "sma 5" on its 15-bar sample.
        double[] published = [82.426, 82.738, 83.094, 83.318, 83.628, 83.778, 84.254, 84.994, 85.574, 86.218, 86.804];

        Expect.Series(published, 4, Run(5, TulipSample.Close), TulipSample.Tolerance, "SMA(5)");
    }

    [Fact]
    public void Update_OneValueShortOfPeriod_IsNotReady()
    {
        var sma = new SimpleMovingAverage(3);
        sma.Update(1);
        sma.Update(2);

        Assert.False(sma.IsReady);
        Assert.True(double.IsNaN(sma.Value));
        sma.Update(6);
        Assert.True(sma.IsReady);
        Assert.Equal(3, sma.Value);
    }

    [Fact]
    public void Update_WindowFull_DropsOldestValue()
    {
        // 1, 2, 6 then 10: the window is 2, 6, 10.
        Assert.Equal(6, Run(3, [1, 2, 6, 10])[3]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_PeriodBelowOne_Throws(int period) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleMovingAverage(period));
}
