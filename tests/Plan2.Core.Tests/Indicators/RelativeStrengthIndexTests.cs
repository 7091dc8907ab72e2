using Plan2.Core.Indicators;

namespace Plan2.Core.Tests.Indicators;

public class RelativeStrengthIndexTests
{
    private static double[] Run(int period, double[] closes)
    {
        var rsi = new RelativeStrengthIndex(period);
        var output = new double[closes.Length];
        for (var i = 0; i < closes.Length; i++)
        {
            rsi.Update(closes[i]);
            output[i] = rsi.Value;
        }
        return output;
    }

    [Fact]
    public void Update_StockChartsExample_MatchesPublishedRsi14()
    {
        // StockCharts ChartSchool, "Relative Strength Index (RSI)", worked example cs-rsi.xls (QQQQ,
        // 14-Dec-2009 to 1-Feb-2010); text of the sheet: https://vdocuments.mx/cs-rsi.html. The page shows
        // closes to 2 decimals; the sheet computes from these 4-decimal closes. RSI published to 2 decimals.
        double[] closes =
        [
            44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931,
            46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521,
            45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
        ];
        double[] published =
        [
            70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38,
            54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.30, 33.08, 37.77,
        ];

        var rsi = Run(14, closes);

        Assert.True(double.IsNaN(rsi[13]));
        Expect.Series(published, 14, rsi, 0.005, "RSI(14)");
    }

    [Fact]
    public void Update_TulipSample_MatchesPublishedRsi5()
    {
        // Tulip Indicators "rsi 5": an independent implementation of the same seeding (mean of the first n changes).
        double[] published = [72.034, 64.927, 75.936, 79.796, 74.713, 83.033, 87.478, 88.755, 91.483, 78.498];

        Expect.Series(published, 5, Run(5, TulipSample.Close), TulipSample.Tolerance, "RSI(5)");
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedRsi14()
    {
        // Skender Stock.Indicators, results/rsi.standard.json; Rsi.StaticSeries.Tests publishes [14] 62.0541.
        var rsi = Run(14, Array.ConvertAll(SkenderQuotes.Bars(), b => b.Close.ToDouble()));

        Expect.Near(62.054054054053964, rsi[14], 1e-9, "RSI(14)", 14);
        Expect.Near(61.42722545296009, rsi[24], 1e-9, "RSI(14)", 24);
        Expect.Near(67.19318485995079, rsi[49], 1e-9, "RSI(14)", 49);
    }

    [Fact]
    public void Update_OnlyRises_Is100()
    {
        double[] closes = [.. Enumerable.Range(0, 30).Select(i => 1.1 + i * 0.001)];

        Assert.Equal(100, Run(14, closes)[^1]);
    }

    [Fact]
    public void Update_OnlyFalls_Is0()
    {
        double[] closes = [.. Enumerable.Range(0, 30).Select(i => 1.1 - i * 0.001)];

        Assert.Equal(0, Run(14, closes)[^1]);
    }

    [Fact]
    public void Update_Flat_Is50()
    {
        Assert.Equal(50, Run(14, Enumerable.Repeat(1.1, 30).ToArray())[^1]);
    }

    [Fact]
    public void Update_PeriodValues_IsNotReadyUntilOneMore()
    {
        // n values give only n − 1 changes.
        var rsi = Run(14, Enumerable.Repeat(1.1, 15).ToArray());

        Assert.True(double.IsNaN(rsi[13]));
        Assert.False(double.IsNaN(rsi[14]));
    }
}
