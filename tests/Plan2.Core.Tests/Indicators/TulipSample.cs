namespace Plan2.Core.Tests.Indicators;

/// <summary>
/// The 15-bar sample every Tulip Indicators example uses, with outputs printed to 3 decimals.
/// Source: Tulip Indicators, tests/untest.txt (https://github.com/TulipCharts/tulipindicators), the same
/// sample and outputs shown on https://tulipindicators.org/&lt;indicator&gt;. Tolerance: half the printed unit.
/// </summary>
internal static class TulipSample
{
    public const double Tolerance = 0.0005;

    public static readonly double[] High =
        [82.15, 81.89, 83.03, 83.30, 83.85, 83.90, 83.33, 84.30, 84.84, 85.00, 85.90, 86.58, 86.98, 88.00, 87.87];

    public static readonly double[] Low =
        [81.29, 80.64, 81.31, 82.65, 83.07, 83.11, 82.49, 82.30, 84.15, 84.11, 84.03, 85.39, 85.76, 87.17, 87.01];

    public static readonly double[] Close =
        [81.59, 81.06, 82.87, 83.00, 83.61, 83.15, 82.84, 83.99, 84.55, 84.36, 85.53, 86.54, 86.89, 87.77, 87.29];

    public static Plan2.Core.MarketData.Candle[] Bars() => TestBars.FromHlc(High, Low, Close);
}
