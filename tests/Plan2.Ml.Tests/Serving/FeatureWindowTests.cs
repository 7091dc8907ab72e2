using Plan2.Core.Features;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The feature window as a ring: its tail is always the last rows, oldest first, however often it wrapped.</summary>
public sealed class FeatureWindowTests
{
    private static readonly int Width = FeatureSchema.Count;

    /// <summary>A wavy walk, so that each bar's features differ from the others'.</summary>
    private static IEnumerable<Candle> Bars(int count)
    {
        var t0 = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var close = 100_000L;
        for (var i = 0; i < count; i++)
        {
            var open = close;
            close = open + (long)(40 * Math.Sin(i * 0.37) + 25 * Math.Cos(i * 1.9)) * 10;
            yield return new Candle(t0 + i * 60_000L, new Price(open * 1000), new Price((Math.Max(open, close) + 30) * 1000),
                new Price((Math.Min(open, close) - 30) * 1000), new Price(close * 1000), 10);
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 3)]
    [InlineData(30, 29)]
    [InlineData(30, 30)]
    [InlineData(30, 31)]
    [InlineData(64, 200)]
    public void Tail_IsTheLastRowsOldestFirst_ZerosBeforeTheFirstBar(int steps, int bars)
    {
        var window = new FeatureWindow(steps);
        var (builder, indicators) = (new FeatureBuilder(), new IndicatorSet());
        var rows = new List<float[]>(); // every row, as a shifting window would have kept them
        foreach (var bar in Bars(bars))
        {
            indicators.Update(bar);
            var row = new float[Width];
            builder.Update(bar, indicators.Current, row);
            rows.Add(row);
            window.Add(bar, indicators.Current);

            Assert.Equal(row, window.Latest.ToArray());
            for (var k = 1; k <= steps; k++)
            {
                var expected = new float[k * Width];
                for (var j = 0; j < k; j++)
                {
                    var index = rows.Count - k + j;
                    if (index >= 0)
                        rows[index].CopyTo(expected, j * Width);
                }
                Assert.Equal(expected, window.Tail(k).ToArray()); // bit for bit: NaN compares equal to NaN here
                Assert.Equal(expected, window.Last(k));
            }
        }
        Assert.Equal(bars, window.Bars);
    }

    [Fact]
    public void Tail_LongerThanTheWindow_IsRefused()
    {
        var window = new FeatureWindow(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Tail(9).Length);
    }
}
