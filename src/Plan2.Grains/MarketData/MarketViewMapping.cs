using Plan2.Abstractions.MarketData;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Grains.MarketData;

internal static class MarketViewMapping
{
    public static QuoteView ToView(this Tick tick, string symbol) => new(symbol, tick.TimeMs, tick.Bid.ToDecimal(), tick.Ask.ToDecimal());

    public static BarView ToView(this BarClose bar, string symbol) => new(symbol, bar.Timeframe.ToString(), bar.Candle.OpenTimeMs,
        bar.Candle.Open.ToDecimal(), bar.Candle.High.ToDecimal(), bar.Candle.Low.ToDecimal(), bar.Candle.Close.ToDecimal(),
        bar.Candle.TickCount, bar.Indicators.ToReadings(), bar.Sequence);

    public static IndicatorReadings ToReadings(this IndicatorValues v) => new(v.Sma20, v.Ema20, v.Rsi14, v.Macd, v.MacdSignal, v.MacdHist,
        v.BbUpper, v.BbMiddle, v.BbLower, v.Atr14, v.StochK, v.StochD, v.Adx14, v.PlusDi, v.MinusDi, v.Cci20, v.WilliamsR14);
}
