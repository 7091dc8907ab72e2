using Plan2.Core.Indicators;

namespace Plan2.Core.Tests.Indicators;

public class ExponentialMovingAverageTests
{
    private static double[] Run(int period, double[] values)
    {
        var ema = new ExponentialMovingAverage(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ema.Update(values[i]);
            output[i] = ema.Value;
        }
        return output;
    }

    [Fact]
    public void Update_StockChartsExample_MatchesPublishedEma10()
    {
        // StockCharts ChartSchool, "Moving Averages - Simple and Exponential", 10-day EMA worked example
        // (spreadsheet cs-movavg.xls): seeded with the 10-day SMA (22.22), multiplier 2/11.
        // Published to 2 decimals, so the tolerance is half a cent.
        double[] closes =
        [
            22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29,
            22.15, 22.39, 22.38, 22.61, 23.36, 24.05, 23.75, 23.83, 23.95, 23.63,
            23.82, 23.87, 23.65, 23.19, 23.10, 23.33, 22.68, 23.10, 22.40, 22.17,
        ];
        double[] published =
        [
            22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.80, 22.97, 23.13, 23.28, 23.34,
            23.43, 23.51, 23.53, 23.47, 23.40, 23.39, 23.26, 23.23, 23.08, 22.92,
        ];

        var ema = Run(10, closes);

        Assert.True(double.IsNaN(ema[8]));
        Expect.Series(published, 9, ema, 0.005, "EMA(10)");
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedEma20()
    {
        // Skender Stock.Indicators, results/ema.standard.json; Ema.StaticSeries.Tests publishes [29] 216.6228.
        var ema = Run(20, Array.ConvertAll(SkenderQuotes.Bars(), b => b.Close.ToDouble()));

        Assert.True(double.IsNaN(ema[18]));
        Expect.Near(214.52499999999995, ema[19], 1e-9, "EMA(20)", 19);
        Expect.Near(216.622848763626, ema[29], 1e-9, "EMA(20)", 29);
        Expect.Near(223.2427784077378, ema[49], 1e-9, "EMA(20)", 49);
    }

    [Fact]
    public void Update_AtPeriod_EqualsSimpleAverageOfFirstValues()
    {
        // The convention: seeded by the SMA, not by the first value (which would give 1 here).
        Assert.Equal(2, Run(3, [1, 2, 3])[2]);
    }

    [Fact]
    public void Update_AfterSeed_MovesByAlphaTowardsValue()
    {
        // Seed 2, then 2 + (2/4)·(10 − 2) = 6.
        Assert.Equal(6, Run(3, [1, 2, 3, 10])[3]);
    }

    [Fact]
    public void Constructor_PeriodBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage(0));
}
