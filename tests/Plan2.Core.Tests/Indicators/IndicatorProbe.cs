using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

/// <summary>
/// One shape over every indicator (LEAN's CommonIndicatorTests idea): how to feed it a bar, whether it is
/// ready, and the outputs that readiness promises. Shared tests then cover warm-up for all of them at once.
/// </summary>
internal sealed record IndicatorProbe(int WarmUpPeriod, Action<Candle> Update, Func<bool> IsReady, Func<double[]> Outputs)
{
    public static readonly string[] Names =
        ["SMA(20)", "EMA(20)", "RSI(14)", "MACD(12,26,9)", "BB(20,2)", "ATR(14)", "Stoch(14,3,3)", "ADX(14)", "CCI(20)", "%R(14)"];

    public static IndicatorProbe Create(string name)
    {
        switch (name)
        {
            case "SMA(20)":
                var sma = new SimpleMovingAverage(20);
                return new(sma.WarmUpPeriod, b => sma.Update(b.Close.ToDouble()), () => sma.IsReady, () => [sma.Value]);
            case "EMA(20)":
                var ema = new ExponentialMovingAverage(20);
                return new(ema.WarmUpPeriod, b => ema.Update(b.Close.ToDouble()), () => ema.IsReady, () => [ema.Value]);
            case "RSI(14)":
                var rsi = new RelativeStrengthIndex(14);
                return new(rsi.WarmUpPeriod, b => rsi.Update(b.Close.ToDouble()), () => rsi.IsReady, () => [rsi.Value]);
            case "MACD(12,26,9)":
                var macd = new Macd(12, 26, 9);
                return new(macd.WarmUpPeriod, b => macd.Update(b.Close.ToDouble()), () => macd.IsReady, () => [macd.Signal, macd.Histogram]);
            case "BB(20,2)":
                var bb = new BollingerBands(20, 2);
                return new(bb.WarmUpPeriod, b => bb.Update(b.Close.ToDouble()), () => bb.IsReady, () => [bb.Upper, bb.Middle, bb.Lower]);
            case "ATR(14)":
                var atr = new AverageTrueRange(14);
                return new(atr.WarmUpPeriod, b => atr.Update(b), () => atr.IsReady, () => [atr.Value]);
            case "Stoch(14,3,3)":
                var stoch = new Stochastic(14, 3, 3);
                return new(stoch.WarmUpPeriod, b => stoch.Update(b), () => stoch.IsReady, () => [stoch.D]);
            case "ADX(14)":
                var adx = new AverageDirectionalIndex(14);
                return new(adx.WarmUpPeriod, b => adx.Update(b), () => adx.IsReady, () => [adx.Value]);
            case "CCI(20)":
                var cci = new CommodityChannelIndex(20);
                return new(cci.WarmUpPeriod, b => cci.Update(b), () => cci.IsReady, () => [cci.Value]);
            case "%R(14)":
                var williams = new WilliamsPercentR(14);
                return new(williams.WarmUpPeriod, b => williams.Update(b), () => williams.IsReady, () => [williams.Value]);
            default:
                throw new ArgumentException($"No probe for {name}.", nameof(name));
        }
    }
}
