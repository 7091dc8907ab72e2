using Plan2.Core.Features;
using Plan2.Core.MarketData;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Pipeline;

public class FeatureTests
{
    private static List<Candle> Bars(int n, int seed = 5)
    {
        var random = new Random(seed);
        var bars = new List<Candle>();
        var price = 110_000_000L;
        for (var i = 0; i < n; i++)
        {
            var close = price + random.Next(-3_000, 3_001);
            bars.Add(new Candle(1_700_000_000_000L + i * 60_000L, new Price(price), new Price(Math.Max(price, close) + 500),
                new Price(Math.Min(price, close) - 500), new Price(close)));
            price = close;
        }
        return bars;
    }

    [Fact]
    public void Features_OfABar_DoNotDependOnLaterBars()
    {
        var bars = Bars(300);
        var altered = bars.ToList();
        for (var i = 201; i < altered.Count; i++)
            altered[i] = altered[i] with { Close = altered[i].Close + new Price(900_000), High = altered[i].High + new Price(900_000) };

        var a = LabelledSeries.Build("A", bars, horizon: 5);
        var b = LabelledSeries.Build("A", altered, horizon: 5);

        var row = Array.IndexOf(a.TimesMs, bars[200].OpenTimeMs);
        Assert.Equal(a.X.AsSpan(row * FeatureSchema.Count, FeatureSchema.Count).ToArray(), b.X.AsSpan(row * FeatureSchema.Count, FeatureSchema.Count).ToArray());
        // Its label is the move to bar 205, which did change.
        Assert.Equal(Math.Log((double)altered[205].Close.Units / altered[200].Close.Units), b.ForwardReturn[row], 12);
    }

    [Fact]
    public void Returns_AreLogReturnsOfCloses()
    {
        var bars = Bars(100);
        var series = LabelledSeries.Build("A", bars, horizon: 1);
        var last = series.Rows - 1;
        var i = bars.Count - 1;

        Assert.Equal(Math.Log((double)bars[i].Close.Units / bars[i - 1].Close.Units), series.X[last * FeatureSchema.Count + 0], 6);
        Assert.Equal(Math.Log((double)bars[i].Close.Units / bars[i - 60].Close.Units), series.X[last * FeatureSchema.Count + 3], 6);
        Assert.True(float.IsNaN(series.Y[last])); // nothing after the last bar to label it
    }

    [Fact]
    public void Rows_StartWhenEveryFeatureIsDefined()
    {
        var series = LabelledSeries.Build("A", Bars(200), horizon: 5);

        Assert.Equal(200 - FeatureBuilder.WarmUpBars + 1, series.Rows);
        Assert.All(series.X, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void SchemaHash_IsStable_AndNamesAreUnique()
    {
        Assert.Equal(FeatureSchema.Count, FeatureSchema.Names.Distinct().Count());
        Assert.Matches("^[0-9a-f]{16}$", FeatureSchema.Hash);
        Assert.Equal(FeatureSchema.Hash, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("v1:" + string.Join(',', FeatureSchema.Names))))[..16].ToLowerInvariant());
    }
}
