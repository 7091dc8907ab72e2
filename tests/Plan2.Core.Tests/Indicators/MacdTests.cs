using Plan2.Core.Indicators;

namespace Plan2.Core.Tests.Indicators;

public class MacdTests
{
    private static (double[] Line, double[] Signal, double[] Histogram) Run(double[] closes)
    {
        var macd = new Macd();
        var line = new double[closes.Length];
        var signal = new double[closes.Length];
        var histogram = new double[closes.Length];
        for (var i = 0; i < closes.Length; i++)
        {
            macd.Update(closes[i]);
            (line[i], signal[i], histogram[i]) = (macd.Value, macd.Signal, macd.Histogram);
        }
        return (line, signal, histogram);
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedMacd()
    {
        // Skender Stock.Indicators, results/macd.standard.json; Macd.StaticSeries.Tests publishes
        // [49] MACD 1.7203, signal 1.9675, histogram -0.2472.
        var (line, signal, histogram) = Run(Array.ConvertAll(SkenderQuotes.Bars(), b => b.Close.ToDouble()));

        Expect.Near(1.1223049997107637, line[27], 1e-9, "MACD", 27);
        Expect.Near(2.202501461364193, line[33], 1e-9, "MACD", 33);
        Expect.Near(1.521700603479164, signal[33], 1e-9, "signal", 33);
        Expect.Near(0.6808008578850289, histogram[33], 1e-9, "histogram", 33);
        Expect.Near(1.7202896473947362, line[49], 1e-9, "MACD", 49);
        Expect.Near(1.967536617434965, signal[49], 1e-9, "signal", 49);
        Expect.Near(-0.2472469700402289, histogram[49], 1e-9, "histogram", 49);
    }

    [Fact]
    public void Update_InvestExcelExample_MatchesPublishedMacd()
    {
        // investexcel.net, "How to Calculate MACD in Excel" (AAPL closes from 19-Feb-2013): EMAs seeded by
        // trailing SMAs, signal seeded by the 9-day average of MACD. Values to 1e-9 as reproduced by
        // independent open-source MACD tests on that sheet (e.g. MACD 8.2753 on the 26th close).
        double[] closes =
        [
            459.99, 448.85, 446.06, 450.81, 442.80, 448.97, 444.57, 441.40, 430.47, 420.05,
            431.14, 425.66, 430.58, 431.72, 437.87, 428.43, 428.35, 432.50, 443.66, 455.72,
            454.49, 452.08, 452.73, 461.91, 463.58, 461.14, 452.08, 442.66, 428.91, 429.79,
            431.99, 427.72, 423.20, 426.21, 426.98, 435.69, 434.33, 429.80, 419.85, 426.24,
        ];

        var (line, signal, histogram) = Run(closes);

        Expect.Near(8.275269503907623, line[25], 1e-9, "MACD", 25);
        Expect.Near(0.10298149119910249, line[31], 1e-9, "MACD", 31);
        Expect.Near(3.037525868733945, signal[33], 1e-9, "signal", 33);
        Expect.Near(-2.62184232825689, line[34], 1e-9, "MACD", 34);
        Expect.Near(1.90565222933578, signal[34], 1e-9, "signal", 34);
        Expect.Near(-4.52749455759, histogram[34], 1e-9, "histogram", 34);
        Expect.Near(-1.338100412582993, signal[39], 1e-9, "signal", 39);
    }

    [Fact]
    public void Update_BeforeSignalWarmUp_HasLineButNoSignal()
    {
        var macd = new Macd();
        for (var i = 0; i < 26; i++)
            macd.Update(100 + i);

        Assert.False(double.IsNaN(macd.Value));
        Assert.True(double.IsNaN(macd.Signal));
        Assert.True(double.IsNaN(macd.Histogram));
        Assert.False(macd.IsReady);
    }

    [Fact]
    public void Update_25Values_HasNoLine()
    {
        var macd = new Macd();
        for (var i = 0; i < 25; i++)
            macd.Update(100 + i);

        Assert.True(double.IsNaN(macd.Value));
    }

    [Fact]
    public void Constructor_FastNotFasterThanSlow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(26, 26, 9));
}
