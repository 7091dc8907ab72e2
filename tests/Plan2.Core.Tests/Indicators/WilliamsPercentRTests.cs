using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

public class WilliamsPercentRTests
{
    private static double[] Run(int period, Candle[] bars)
    {
        var williams = new WilliamsPercentR(period);
        var output = new double[bars.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            williams.Update(bars[i]);
            output[i] = williams.Value;
        }
        return output;
    }

    [Fact]
    public void Update_TulipSample_MatchesPublishedWillr5()
    {
        // Tulip Indicators "willr 5".
        double[] published = [-7.477, -23.006, -40.927, -15.500, -11.417, -23.704, -10.278, -0.935, -3.051, -5.793, -17.884];

        Expect.Series(published, 4, Run(5, TulipSample.Bars()), TulipSample.Tolerance, "%R(5)");
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedWillr14()
    {
        // Skender Stock.Indicators, results/willr.standard.json.
        var williams = Run(14, SkenderQuotes.Bars());

        Assert.True(double.IsNaN(williams[12]));
        Expect.Near(-41.36986301369864, williams[13], 1e-9, "%R(14)", 13);
        Expect.Near(0, williams[15], 1e-9, "%R(14)", 15);
        Expect.Near(-27.861771058315185, williams[49], 1e-9, "%R(14)", 49);
    }

    [Fact]
    public void Update_CloseAtLowestLow_IsMinus100()
    {
        var falling = Enumerable.Range(0, 14).Select(i => TestBars.Hlc(i, 1.101 - i * 0.001, 1.1 - i * 0.001, 1.1 - i * 0.001)).ToArray();

        Assert.Equal(-100, Run(14, falling)[^1], 9);
    }

    [Fact]
    public void Update_NoRange_IsMinus50()
    {
        Assert.Equal(-50, Run(14, TestBars.Flat(14, 1.1, 1.1, 1.1))[^1]);
    }
}
