using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

public class CommodityChannelIndexTests
{
    private static double[] Run(int period, Candle[] bars)
    {
        var cci = new CommodityChannelIndex(period);
        var output = new double[bars.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            cci.Update(bars[i]);
            output[i] = cci.Value;
        }
        return output;
    }

    [Fact]
    public void Update_StockChartsExample_MatchesPublishedCci20()
    {
        // StockCharts ChartSchool, "Commodity Channel Index (CCI)", worked example cs-cci.xls (24-Aug to
        // 5-Oct-2010), as kept in bukosabino/ta, test/data/cs-cci.csv. CCI printed to 4 decimals.
        double[,] hlc =
        {
            { 24.2013, 23.8534, 23.8932 }, { 24.0721, 23.7242, 23.9528 }, { 24.0423, 23.6447, 23.6745 },
            { 23.8733, 23.3664, 23.7839 }, { 23.6745, 23.4559, 23.4956 }, { 23.5851, 23.1776, 23.3217 },
            { 23.8037, 23.3962, 23.7540 }, { 23.8036, 23.5652, 23.7938 }, { 24.3007, 24.0522, 24.1417 },
            { 24.1516, 23.7739, 23.8137 }, { 24.0522, 23.5950, 23.7839 }, { 24.0622, 23.8435, 23.8634 },
            { 23.8833, 23.6447, 23.7044 }, { 25.1356, 23.9429, 24.9567 }, { 25.1952, 24.7380, 24.8771 },
            { 25.0660, 24.7678, 24.9616 }, { 25.2151, 24.8970, 25.1753 }, { 25.3741, 24.9268, 25.0660 },
            { 25.3642, 24.9567, 25.2747 }, { 25.2648, 24.9268, 24.9964 }, { 24.8175, 24.2112, 24.4597 },
            { 24.4398, 24.2112, 24.2808 }, { 24.6485, 24.4299, 24.6237 }, { 24.8374, 24.4398, 24.5815 },
            { 24.7479, 24.2013, 24.5268 }, { 24.5094, 24.2510, 24.3504 }, { 24.6784, 24.2112, 24.3404 },
            { 24.6684, 24.1516, 24.2311 }, { 23.8435, 23.6348, 23.7640 }, { 24.3007, 23.7640, 24.2013 },
        };
        double[] published =
        [
            102.3150, 30.7360, 6.5516, 33.2964, 34.9514, 13.8401, -10.7478, -11.5821, -29.3472, -129.3557, -73.0696,
        ];

        var cci = Run(20, TestBars.FromHlcRows(hlc));

        Assert.True(double.IsNaN(cci[18]));
        Expect.Series(published, 19, cci, 0.00005, "CCI(20)");
    }

    [Fact]
    public void Update_TulipSample_MatchesPublishedCci5()
    {
        // Tulip Indicators "cci 5" prints from the 9th bar on (it waits 2n − 2 bars); same formula.
        double[] published = [166.667, 82.020, 95.501, 130.912, 99.163, 116.342, 71.928];

        Expect.Series(published, 8, Run(5, TulipSample.Bars()), TulipSample.Tolerance, "CCI(5)");
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedCci20()
    {
        // Skender Stock.Indicators, results/cci.standard.json.
        var cci = Run(20, SkenderQuotes.Bars());

        Expect.Near(18.39120471093807, cci[19], 1e-9, "CCI(20)", 19);
        Expect.Near(190.87701971171202, cci[29], 1e-9, "CCI(20)", 29);
        Expect.Near(113.11766335909371, cci[49], 1e-9, "CCI(20)", 49);
    }

    [Fact]
    public void Update_Flat_IsZero()
    {
        Assert.Equal(0, Run(20, TestBars.Flat(25, 1.1012, 1.0987, 1.1003))[^1]);
    }
}
