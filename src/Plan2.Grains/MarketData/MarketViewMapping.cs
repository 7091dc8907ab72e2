using Plan2.Abstractions.MarketData;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Grains.MarketData;

public static class MarketViewMapping
{
    public static QuoteView ToView(this Tick tick, string symbol) => new(symbol, tick.TimeMs, tick.Bid.ToDecimal(), tick.Ask.ToDecimal());

    public static BarView ToView(this BarClose bar, string symbol, long epoch = 0) => new(symbol, bar.Timeframe.ToString(), bar.Candle.OpenTimeMs,
        bar.Candle.Open.ToDecimal(), bar.Candle.High.ToDecimal(), bar.Candle.Low.ToDecimal(), bar.Candle.Close.ToDecimal(),
        bar.Candle.TickCount, bar.Indicators.ToReadings(), bar.Sequence, epoch);

    /// <summary>The candle a bar view describes (exact: decimal prices with at most 8 places).</summary>
    public static Candle ToCandle(this BarView bar) => new(bar.OpenTimeUnixMs, Price.FromDecimal(bar.Open), Price.FromDecimal(bar.High),
        Price.FromDecimal(bar.Low), Price.FromDecimal(bar.Close), bar.TickCount);

    public static IndicatorReadings ToReadings(this IndicatorValues v) => new(v.Sma20, v.Ema20, v.Rsi14, v.Macd, v.MacdSignal, v.MacdHist,
        v.BbUpper, v.BbMiddle, v.BbLower, v.Atr14, v.StochK, v.StochD, v.Adx14, v.PlusDi, v.MinusDi, v.Cci20, v.WilliamsR14);

    public static IndicatorValues ToValues(this IndicatorReadings r) => new()
    {
        Sma20 = r.Sma20, Ema20 = r.Ema20, Rsi14 = r.Rsi14, Macd = r.Macd, MacdSignal = r.MacdSignal, MacdHist = r.MacdHist,
        BbUpper = r.BbUpper, BbMiddle = r.BbMiddle, BbLower = r.BbLower, Atr14 = r.Atr14, StochK = r.StochK, StochD = r.StochD,
        Adx14 = r.Adx14, PlusDi = r.PlusDi, MinusDi = r.MinusDi, Cci20 = r.Cci20, WilliamsR14 = r.WilliamsR14,
    };
}
