using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

/// <summary>
/// Regression: bar-by-bar updates over a long synthetic series equal a from-scratch batch recomputation
/// (<see cref="BatchIndicators"/>) on every bar, including where each is still undefined. Tolerance 1e-9
/// relative: the batch is exact decimal, the incremental classes are double.
/// </summary>
public class IncrementalVersusBatchTests
{
    private static readonly Candle[] Bars = SyntheticBars.Generate(3_000);
    private static readonly decimal[] Closes = BatchIndicators.Closes(Bars);

    private static double[] Feed(Action<Candle> update, Func<double> read) => FeedAll(update, read)[0];

    /// <summary>Feeds every bar once and records each output after each bar.</summary>
    private static double[][] FeedAll(Action<Candle> update, params Func<double>[] reads)
    {
        var outputs = Array.ConvertAll(reads, _ => new double[Bars.Length]);
        for (var i = 0; i < Bars.Length; i++)
        {
            update(Bars[i]);
            for (var r = 0; r < reads.Length; r++)
                outputs[r][i] = reads[r]();
        }
        return outputs;
    }

    private static void AssertSame(double[] batch, double[] incremental, string what)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            if (double.IsNaN(batch[i]))
            {
                Assert.True(double.IsNaN(incremental[i]), $"{what} at {i}: expected undefined, got {incremental[i]}.");
                continue;
            }
            Expect.Near(batch[i], incremental[i], 1e-9 * Math.Max(1, Math.Abs(batch[i])), what, i);
        }
    }

    [Fact]
    public void SimpleMovingAverage_LongSeries_EqualsBatch()
    {
        var sma = new SimpleMovingAverage(20);
        AssertSame(BatchIndicators.Sma(Closes, 20), Feed(b => sma.Update(b.Close.ToDouble()), () => sma.Value), "SMA");
    }

    [Fact]
    public void ExponentialMovingAverage_LongSeries_EqualsBatch()
    {
        var ema = new ExponentialMovingAverage(20);
        AssertSame(BatchIndicators.Ema(Closes, 20), Feed(b => ema.Update(b.Close.ToDouble()), () => ema.Value), "EMA");
    }

    [Fact]
    public void RelativeStrengthIndex_LongSeries_EqualsBatch()
    {
        var rsi = new RelativeStrengthIndex(14);
        AssertSame(BatchIndicators.Rsi(Closes, 14), Feed(b => rsi.Update(b.Close.ToDouble()), () => rsi.Value), "RSI");
    }

    [Fact]
    public void Macd_LongSeries_EqualsBatch()
    {
        var (line, signal, histogram) = BatchIndicators.Macd(Closes, 12, 26, 9);
        var macd = new Macd(12, 26, 9);
        var actual = FeedAll(b => macd.Update(b.Close.ToDouble()), () => macd.Value, () => macd.Signal, () => macd.Histogram);

        AssertSame(line, actual[0], "MACD");
        AssertSame(signal, actual[1], "signal");
        AssertSame(histogram, actual[2], "histogram");
    }

    [Fact]
    public void BollingerBands_LongSeries_EqualsBatch()
    {
        var (upper, middle, lower) = BatchIndicators.Bollinger(Closes, 20, 2);
        var bands = new BollingerBands(20, 2);
        var actual = FeedAll(b => bands.Update(b.Close.ToDouble()), () => bands.Upper, () => bands.Middle, () => bands.Lower);

        AssertSame(upper, actual[0], "upper");
        AssertSame(middle, actual[1], "middle");
        AssertSame(lower, actual[2], "lower");
    }

    [Fact]
    public void AverageTrueRange_LongSeries_EqualsBatch()
    {
        var atr = new AverageTrueRange(14);
        AssertSame(BatchIndicators.Atr(Bars, 14), Feed(b => atr.Update(b), () => atr.Value), "ATR");
    }

    [Fact]
    public void Stochastic_LongSeries_EqualsBatch()
    {
        var (k, d) = BatchIndicators.Stochastic(Bars, 14, 3, 3);
        var stochastic = new Stochastic(14, 3, 3);
        var actual = FeedAll(b => stochastic.Update(b), () => stochastic.K, () => stochastic.D);

        AssertSame(k, actual[0], "%K");
        AssertSame(d, actual[1], "%D");
    }

    [Fact]
    public void AverageDirectionalIndex_LongSeries_EqualsBatch()
    {
        var (adx, plus, minus) = BatchIndicators.Adx(Bars, 14);
        var indicator = new AverageDirectionalIndex(14);
        var actual = FeedAll(b => indicator.Update(b), () => indicator.Value, () => indicator.PlusDi, () => indicator.MinusDi);

        AssertSame(adx, actual[0], "ADX");
        AssertSame(plus, actual[1], "+DI");
        AssertSame(minus, actual[2], "-DI");
    }

    [Fact]
    public void CommodityChannelIndex_LongSeries_EqualsBatch()
    {
        var cci = new CommodityChannelIndex(20);
        AssertSame(BatchIndicators.Cci(Bars, 20), Feed(b => cci.Update(b), () => cci.Value), "CCI");
    }

    [Fact]
    public void WilliamsPercentR_LongSeries_EqualsBatch()
    {
        var williams = new WilliamsPercentR(14);
        AssertSame(BatchIndicators.WilliamsR(Bars, 14), Feed(b => williams.Update(b), () => williams.Value), "%R");
    }
}
