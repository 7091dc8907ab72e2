using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

public class AverageDirectionalIndexTests
{
    private static (double[] Adx, double[] PlusDi, double[] MinusDi) Run(Candle[] bars)
    {
        var adx = new AverageDirectionalIndex(14);
        var (value, plus, minus) = (new double[bars.Length], new double[bars.Length], new double[bars.Length]);
        for (var i = 0; i < bars.Length; i++)
        {
            adx.Update(bars[i]);
            (value[i], plus[i], minus[i]) = (adx.Value, adx.PlusDi, adx.MinusDi);
        }
        return (value, plus, minus);
    }

    [Fact]
    public void Update_StockChartsExample_MatchesPublishedAdx14()
    {
        // StockCharts ChartSchool, "Average Directional Index (ADX)", worked example cs-adx.xls (11-Feb to
        // 24-Mar-2009), full precision as kept in bukosabino/ta, test/data/cs-adx.csv (printed to 7 decimals).
        double[,] hlc =
        {
            { 30.1983, 29.4072, 29.8720 }, { 30.2776, 29.3182, 30.2381 }, { 30.4458, 29.9611, 30.0996 },
            { 29.3478, 28.7443, 28.9028 }, { 29.3477, 28.5566, 28.9225 }, { 29.2886, 28.4081, 28.4775 },
            { 28.8334, 28.0818, 28.5566 }, { 28.7346, 27.4289, 27.5576 }, { 28.6654, 27.6565, 28.4675 },
            { 28.8532, 27.8345, 28.2796 }, { 28.6356, 27.3992, 27.4882 }, { 27.6761, 27.0927, 27.2310 },
            { 27.2112, 26.1826, 26.3507 }, { 26.8651, 26.1332, 26.3309 }, { 27.4090, 26.6277, 27.0333 },
            { 26.9441, 26.1332, 26.2221 }, { 26.5189, 25.4307, 26.0144 }, { 26.5189, 25.3518, 25.4605 },
            { 27.0927, 25.8760, 27.0333 }, { 27.6860, 26.9640, 27.4487 }, { 28.4477, 27.1421, 28.3586 },
            { 28.5267, 28.0123, 28.4278 }, { 28.6654, 27.8840, 27.9530 }, { 29.0116, 27.9928, 29.0116 },
            { 29.8720, 28.7643, 29.3776 }, { 29.8028, 29.1402, 29.3576 }, { 29.7529, 28.7127, 28.9107 },
            { 30.6546, 28.9290, 30.6149 }, { 30.5951, 30.0304, 30.0502 }, { 30.7635, 29.3863, 30.1890 },
        };

        var (adx, plus, minus) = Run(TestBars.FromHlcRows(hlc));

        Assert.True(double.IsNaN(plus[13]));
        Expect.Near(6.7494187, plus[14], 1e-6, "+DI", 14);
        Expect.Near(32.4195605, minus[14], 1e-6, "-DI", 14);
        Expect.Near(8.6988073, plus[18], 1e-6, "+DI", 18);
        Expect.Near(30.0160112, minus[18], 1e-6, "-DI", 18);
        Assert.True(double.IsNaN(adx[26]));
        Expect.Near(33.5833461, adx[27], 1e-6, "ADX", 27);
        Expect.Near(32.1534947, adx[28], 1e-6, "ADX", 28);
        Expect.Near(29.9292238, adx[29], 1e-6, "ADX", 29);
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedAdx14()
    {
        // Skender Stock.Indicators, results/adx.standard.json; Adx.StaticSeries.Tests publishes
        // [14] +DI 21.9669 / -DI 18.5462, [27] ADX 15.9459, [29] 37.9719 / 14.1658 / 19.7949.
        var (adx, plus, minus) = Run(SkenderQuotes.Bars());

        Expect.Near(21.966862640299283, plus[14], 1e-9, "+DI", 14);
        Expect.Near(18.546231961517645, minus[14], 1e-9, "-DI", 14);
        Expect.Near(15.945852232273458, adx[27], 1e-9, "ADX", 27);
        Expect.Near(37.971895464629924, plus[29], 1e-9, "+DI", 29);
        Expect.Near(14.165829841353299, minus[29], 1e-9, "-DI", 29);
        Expect.Near(19.794904983462914, adx[29], 1e-9, "ADX", 29);
        Expect.Near(39.21261116806794, adx[49], 1e-9, "ADX", 49);
    }

    [Fact]
    public void Update_SteadyUptrend_Is100WithNoMinusDi()
    {
        // Every bar one pip higher: all movement is up, so DX is 100 on every bar and so is its average.
        var bars = Enumerable.Range(0, 40).Select(i => TestBars.Hlc(i, 1.1010 + i * 0.0001, 1.0990 + i * 0.0001, 1.1000 + i * 0.0001)).ToArray();

        var (adx, plus, minus) = Run(bars);

        Assert.Equal(100, adx[^1], 9);
        Assert.Equal(0, minus[^1]);
        Assert.True(plus[^1] > 0);
    }

    [Fact]
    public void Update_Flat_IsZero()
    {
        var (adx, plus, minus) = Run(TestBars.Flat(40, 1.1, 1.1, 1.1));

        Assert.Equal(0, adx[^1]);
        Assert.Equal(0, plus[^1]);
        Assert.Equal(0, minus[^1]);
    }

    [Fact]
    public void Update_OutsideBarWithEqualMoves_CountsNeitherDirection()
    {
        // High up 10 pips and low down 10 pips: Wilder counts neither +DM nor −DM, though the range grew.
        var adx = new AverageDirectionalIndex(1);
        adx.Update(TestBars.Hlc(0, 1.1010, 1.0990, 1.1000));
        adx.Update(TestBars.Hlc(1, 1.1020, 1.0980, 1.1000));

        Assert.Equal(0, adx.PlusDi);
        Assert.Equal(0, adx.MinusDi);
    }

    [Fact]
    public void Update_LargerDownMove_CountsOnlyMinus()
    {
        var adx = new AverageDirectionalIndex(1);
        adx.Update(TestBars.Hlc(0, 1.1010, 1.0990, 1.1000));
        adx.Update(TestBars.Hlc(1, 1.1012, 1.0970, 1.0980));

        Assert.Equal(0, adx.PlusDi);
        Assert.Equal(100 * 0.0020 / 0.0042, adx.MinusDi, 9);
    }
}
