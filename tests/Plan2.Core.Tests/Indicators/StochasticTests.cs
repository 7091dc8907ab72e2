using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

public class StochasticTests
{
    private static (double[] K, double[] D) Run(Stochastic stochastic, Candle[] bars)
    {
        var k = new double[bars.Length];
        var d = new double[bars.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            stochastic.Update(bars[i]);
            (k[i], d[i]) = (stochastic.K, stochastic.D);
        }
        return (k, d);
    }

    [Fact]
    public void Update_StockChartsExample_SlowKMatchesPublishedFastD()
    {
        // StockCharts ChartSchool, "Stochastic Oscillator (Fast, Slow, and Full)", worked example cs-stoch.xls
        // (23-Feb to 6-Apr-2010), full precision as kept in bukosabino/ta, test/data/cs-soo.csv. The sheet is
        // the fast stochastic; its %D (3-day SMA of fast %K) is by definition our slow %K. The sheet gives no
        // closes before the 14th row: only the latest close enters %K, so those rows use the low. Its %D column
        // starts a row later than it could (17-Mar, index 16); from there each value is the mean of 3 fast %K.
        double[] highs =
        [
            127.0090, 127.6159, 126.5911, 127.3472, 128.1730, 128.4317, 127.3671, 126.4220, 126.8995, 126.8498,
            125.6460, 125.7156, 127.1582, 127.7154, 127.6855, 128.2228, 128.2725, 128.0934, 128.2725, 127.7353,
            128.7700, 129.2873, 130.0633, 129.1182, 129.2873, 128.4715, 128.0934, 128.6506, 129.1381, 128.6406,
        ];
        double[] lows =
        [
            125.3574, 126.1633, 124.9296, 126.0937, 126.8199, 126.4817, 126.0340, 124.8301, 126.3921, 125.7156,
            124.5615, 124.5715, 125.0689, 126.8597, 126.6309, 126.8001, 126.7105, 126.8001, 126.1335, 125.9245,
            126.9891, 127.8148, 128.4715, 128.0641, 127.6059, 127.5960, 126.9990, 126.8995, 127.4865, 127.3970,
        ];
        double[] closes = [.. lows[..13],
            127.2876, 127.1781, 128.0138, 127.1085, 127.7253, 127.0587, 127.3273, 128.7103, 127.8745, 128.5809,
            128.6008, 127.9342, 128.1133, 127.5960, 127.5960, 128.6904, 128.2725,
        ];
        double[] publishedSlowK =
        [
            74.20719, 78.920124, 70.694021, 73.600429, 79.211672, 81.071917, 80.580689, 72.192805,
            69.235057, 65.201784, 54.191221, 47.242825, 49.200251, 54.64869,
        ];

        var (k, _) = Run(new Stochastic(14, 3, 3), TestBars.FromHlc(highs, lows, closes));

        Assert.True(double.IsNaN(k[14]));
        Expect.Series(publishedSlowK, 16, k, 0.000005, "slow %K");
    }

    [Fact]
    public void Update_TulipSample_MatchesPublishedStoch533()
    {
        // Tulip Indicators "stoch 5 3 3": slow %K and %D, both simple averages.
        double[] k = [77.385, 83.126, 84.867, 88.361, 95.246, 96.740, 91.091];
        double[] d = [75.702, 78.011, 81.793, 85.452, 89.491, 93.449, 94.359];

        var (actualK, actualD) = Run(new Stochastic(5, 3, 3), TulipSample.Bars());

        Expect.Series(k, 8, actualK, TulipSample.Tolerance, "%K");
        Expect.Series(d, 8, actualD, TulipSample.Tolerance, "%D");
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedStoch1433()
    {
        // Skender Stock.Indicators, results/stoch.standard.json; Stoch.StaticSeries.Tests publishes
        // [15] 81.1253 and [17] 92.1307 / 88.4995.
        var (k, d) = Run(new Stochastic(), SkenderQuotes.Bars());

        Assert.True(double.IsNaN(k[14]));
        Expect.Near(81.1252998993887, k[15], 1e-9, "%K", 15);
        Assert.True(double.IsNaN(d[16]));
        Expect.Near(92.13066072754248, k[17], 1e-9, "%K", 17);
        Expect.Near(88.49953635785782, d[17], 1e-9, "%D", 17);
        Expect.Near(50.39596832253425, k[49], 1e-9, "%K", 49);
        Expect.Near(46.42880310868669, d[49], 1e-9, "%D", 49);
    }

    [Fact]
    public void Update_CloseAtHighestHigh_Is100()
    {
        var rising = Enumerable.Range(0, 20).Select(i => TestBars.Hlc(i, 1.1 + i * 0.001, 1.099 + i * 0.001, 1.1 + i * 0.001)).ToArray();

        var (k, d) = Run(new Stochastic(), rising);

        Assert.Equal(100, k[^1], 9);
        Assert.Equal(100, d[^1], 9);
    }

    [Fact]
    public void Update_NoRange_Is50()
    {
        var (k, d) = Run(new Stochastic(), TestBars.Flat(20, 1.1, 1.1, 1.1));

        Assert.Equal(50, k[^1]);
        Assert.Equal(50, d[^1]);
    }
}
