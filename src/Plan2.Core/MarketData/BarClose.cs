using Plan2.Core.Indicators;

namespace Plan2.Core.MarketData;

/// <summary>
/// A candle that just closed, with the indicator readings that include it. Sequence counts the
/// closes of this timeframe (1, 2, …) so that a receiver can put them back in order and see a gap.
/// </summary>
public readonly record struct BarClose(Timeframe Timeframe, Candle Candle, IndicatorValues Indicators, long Sequence = 0);
