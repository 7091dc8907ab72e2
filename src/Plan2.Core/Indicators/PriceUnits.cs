using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>Indicators do their differences in exact <see cref="Price"/> units and convert once, here.</summary>
internal static class PriceUnits
{
    public static double ToDouble(long units) => new Price(units).ToDouble();
}
