using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Web.Tests.Pages;

/// <summary>Test data: M1 bars a minute apart with given closes, and predictions on them.</summary>
internal static class Bars
{
    public const long Start = 1_483_340_400_000; // 2017-01-02 07:00 UTC

    public static IndicatorReadings Readings(double sma = double.NaN) =>
        new(sma, double.NaN, 55, 0.0001, 0.00005, 0.00005, 1.06, 1.05, 1.04, 0.0002, 50, 50, 20, 20, 20, 0, -50);

    public static List<BarView> M1(params decimal[] closes) =>
        [.. closes.Select((c, i) => new BarView("EURUSD", "M1", Start + i * 60_000L, c, c + 0.0002m, c - 0.0002m, c, 4, Readings(i >= 2 ? 1.05 : double.NaN)))];

    public static PredictionView Prediction(long barTime, int direction, double probabilityUp = 0.6, params PatternView[] patterns) =>
        new("EURUSD", "M1", barTime, probabilityUp, direction, 0.7, "ranging", [], 40, 0.52, 100, new Dictionary<string, double>(), patterns, "shipped", null, 0, 0);
}
