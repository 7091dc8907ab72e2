using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;

namespace Plan2.Grains.Trading.Strategies;

internal static class StrategyMapping
{
    public static StrategySettings ToSettings(this StrategyConfig c, string strategyId, string symbol) => new()
    {
        StrategyId = strategyId,
        Symbol = symbol,
        Timeframe = Enum.TryParse<Timeframe>(c.Timeframe, out var tf) ? tf : throw new ArgumentException($"Unknown timeframe '{c.Timeframe}'."),
        Enabled = c.Enabled,
        Lots = c.Lots,
        AllowShort = c.AllowShort,
        HoldBars = c.HoldBars,
        StopAtr = c.StopAtr,
        TakeProfitAtr = c.TakeProfitAtr,
    };

    public static AiStrategySettings ToThresholds(this StrategyConfig c) => new()
    {
        LongAbove = c.LongAbove,
        ShortBelow = c.ShortBelow,
        MinConfidence = c.MinConfidence,
        ConfidenceFloor = c.ConfidenceFloor,
    };

    public static BarClose ToBarClose(this BarView b) => new(
        Enum.Parse<Timeframe>(b.Timeframe),
        new Candle(b.OpenTimeUnixMs, Price.FromDecimal(b.Open), Price.FromDecimal(b.High), Price.FromDecimal(b.Low), Price.FromDecimal(b.Close), b.TickCount),
        b.Indicators.ToValues(),
        b.Sequence);

    public static Prediction ToPrediction(this PredictionView p) => new(p.BarTimeUnixMs, p.ProbabilityUp, p.Confidence);

    private static IndicatorValues ToValues(this IndicatorReadings r) => new()
    {
        Sma20 = r.Sma20, Ema20 = r.Ema20, Rsi14 = r.Rsi14, Macd = r.Macd, MacdSignal = r.MacdSignal, MacdHist = r.MacdHist,
        BbUpper = r.BbUpper, BbMiddle = r.BbMiddle, BbLower = r.BbLower, Atr14 = r.Atr14, StochK = r.StochK, StochD = r.StochD,
        Adx14 = r.Adx14, PlusDi = r.PlusDi, MinusDi = r.MinusDi, Cci20 = r.Cci20, WilliamsR14 = r.WilliamsR14,
    };
}
