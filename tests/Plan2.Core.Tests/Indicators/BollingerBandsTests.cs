using Plan2.Core.Indicators;

namespace Plan2.Core.Tests.Indicators;

public class BollingerBandsTests
{
    private static BollingerBands Feed(BollingerBands bands, double[] closes, int count)
    {
        for (var i = 0; i < count; i++)
            bands.Update(closes[i]);
        return bands;
    }

    [Fact]
    public void Update_SkenderQuotes_MatchesPublishedBands()
    {
        // Skender Stock.Indicators, results/bb.standard.json (population σ, as Bollinger defines it).
        var closes = Array.ConvertAll(SkenderQuotes.Bars(), b => b.Close.ToDouble());

        var at19 = Feed(new BollingerBands(20, 2), closes, 20);
        Expect.Near(214.52499999999995, at19.Middle, 1e-9, "middle", 19);
        Expect.Near(216.58874901574774, at19.Upper, 1e-9, "upper", 19);
        Expect.Near(212.46125098425216, at19.Lower, 1e-9, "lower", 19);

        var at49 = Feed(new BollingerBands(20, 2), closes, 50);
        Expect.Near(223.91750000000002, at49.Middle, 1e-9, "middle", 49);
        Expect.Near(226.29470739524345, at49.Upper, 1e-9, "upper", 49);
        Expect.Near(221.5402926047566, at49.Lower, 1e-9, "lower", 49);
    }

    [Fact]
    public void Update_TulipSample_MatchesPublishedBands()
    {
        // Tulip Indicators "bbands 5 2" (its stddev is also the population one).
        double[] lower = [80.530, 80.987, 82.533, 82.472, 82.418, 82.435, 82.511, 83.143, 83.536, 83.870, 85.289];
        double[] middle = [82.426, 82.738, 83.094, 83.318, 83.628, 83.778, 84.254, 84.994, 85.574, 86.218, 86.804];
        double[] upper = [84.322, 84.489, 83.655, 84.164, 84.838, 85.121, 85.997, 86.845, 87.612, 88.566, 88.319];
        var bands = new BollingerBands(5, 2);
        var (lo, mid, up) = (new double[15], new double[15], new double[15]);
        for (var i = 0; i < 15; i++)
        {
            bands.Update(TulipSample.Close[i]);
            (lo[i], mid[i], up[i]) = (bands.Lower, bands.Middle, bands.Upper);
        }

        Expect.Series(lower, 4, lo, TulipSample.Tolerance, "lower");
        Expect.Series(middle, 4, mid, TulipSample.Tolerance, "middle");
        Expect.Series(upper, 4, up, TulipSample.Tolerance, "upper");
    }

    [Fact]
    public void Update_KnownWindow_UsesPopulationDeviation()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population σ exactly 2 (the sample σ would be 2.138).
        var bands = Feed(new BollingerBands(8, 2), [2, 4, 4, 4, 5, 5, 7, 9], 8);

        Assert.Equal(2, bands.StandardDeviation);
        Assert.Equal(9, bands.Upper);
        Assert.Equal(1, bands.Lower);
    }

    [Fact]
    public void Update_Flat_HasZeroWidth()
    {
        var bands = Feed(new BollingerBands(), Enumerable.Repeat(1.10007, 25).ToArray(), 25);

        Assert.Equal(1.10007, bands.Middle);
        Assert.Equal(bands.Middle, bands.Upper);
        Assert.Equal(bands.Middle, bands.Lower);
    }

    [Fact]
    public void Update_OneShortOfPeriod_IsNotReady()
    {
        var bands = Feed(new BollingerBands(), Enumerable.Repeat(1.1, 19).ToArray(), 19);

        Assert.False(bands.IsReady);
        Assert.True(double.IsNaN(bands.Upper));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(double.NaN)]
    public void Constructor_WidthNotPositive_Throws(double width) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, width));
}
