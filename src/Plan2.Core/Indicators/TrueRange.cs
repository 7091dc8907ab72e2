using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>Wilder's true range, in exact price units so ATR and ADX start from integers, not rounded doubles.</summary>
internal static class TrueRange
{
    /// <summary>max(high, previous close) − min(low, previous close): the same as the max of the three ranges.</summary>
    public static long Units(in Candle bar, long previousCloseUnits) =>
        Math.Max(bar.High.Units, previousCloseUnits) - Math.Min(bar.Low.Units, previousCloseUnits);
}
