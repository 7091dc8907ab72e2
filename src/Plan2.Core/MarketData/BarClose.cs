using Plan2.Core.Indicators;

namespace Plan2.Core.MarketData;

/// <summary>A candle that just closed, with the indicator readings that include it.</summary>
public readonly record struct BarClose(Timeframe Timeframe, Candle Candle, IndicatorValues Indicators);
