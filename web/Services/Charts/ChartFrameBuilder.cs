using System.Globalization;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Web.Components.Layout;
using Plan2.Web.Services.Insights;

namespace Plan2.Web.Services.Charts;

/// <summary>Turns an instrument's closed bars (with their indicator readings) and its predictions into one chart frame.</summary>
public static class ChartFrameBuilder
{
    /// <summary>Patterns on the last this many bars are named on the chart; older ones only on hover (names would hide the candles).</summary>
    public const int LabelledBars = 20;

    public static ChartFrame Build(string symbol, ChartSettings settings, IReadOnlyList<BarView> bars, IReadOnlyList<PredictionView> predictions,
        QuoteView? last, int digits, bool dark)
    {
        var ordered = bars.OrderBy(b => b.OpenTimeUnixMs).ToList();
        var times = ordered.Select(b => Time(b.OpenTimeUnixMs)).ToList();
        List<double?> Series(Func<IndicatorReadings, double> pick) => [.. ordered.Select(b => Finite(pick(b.Indicators)))];

        var overlays = new List<ChartLine>();
        if (settings.Overlays.Contains(ChartSettings.Sma)) overlays.Add(new(ChartSettings.Sma, Series(i => i.Sma20), "#ff9800"));
        if (settings.Overlays.Contains(ChartSettings.Ema)) overlays.Add(new(ChartSettings.Ema, Series(i => i.Ema20), "#ab47bc"));
        if (settings.Overlays.Contains(ChartSettings.Bollinger))
        {
            overlays.Add(new("BB upper", Series(i => i.BbUpper), "#42a5f5", "dot"));
            overlays.Add(new("BB middle", Series(i => i.BbMiddle), "#42a5f5"));
            overlays.Add(new("BB lower", Series(i => i.BbLower), "#42a5f5", "dot"));
        }
        var panes = new List<ChartPane>();
        foreach (var pane in settings.Panes)
        {
            if (pane == ChartSettings.Rsi)
                panes.Add(new(pane, [new("RSI", Series(i => i.Rsi14), "#7e57c2")], [0, 100], [30, 70]));
            else if (pane == ChartSettings.Macd)
                panes.Add(new(pane, [new("MACD hist", Series(i => i.MacdHist), "", Bars: true), new("MACD", Series(i => i.Macd), "#1e88e5"),
                    new("Signal", Series(i => i.MacdSignal), "#fb8c00")], null, [0]));
        }
        var (marks, patterns) = Marks(ordered, settings.Timeframe, predictions);
        return new ChartFrame(symbol, settings.Timeframe, $"{symbol}/{settings.Timeframe}", "." + digits.ToString(CultureInfo.InvariantCulture) + "f",
            dark, WeekendBreaks: true, Up: DashboardTheme.Up, Down: DashboardTheme.Down, Times: times,
            [.. ordered.Select(b => b.Open)], [.. ordered.Select(b => b.High)], [.. ordered.Select(b => b.Low)], [.. ordered.Select(b => b.Close)],
            overlays, panes, marks, patterns, last?.Bid);
    }

    /// <summary>
    /// Predictions of this timeframe sit on their bar (below a down call, above an up call); the newest is
    /// marked larger. On another timeframe only the newest is shown, at the last bar. Patterns sit on the bar that completed them.
    /// </summary>
    private static (List<ChartMarker> Predictions, List<ChartMarker> Patterns) Marks(List<BarView> bars, string timeframe, IReadOnlyList<PredictionView> predictions)
    {
        var marks = new List<ChartMarker>();
        var patterns = new List<ChartMarker>();
        if (bars.Count == 0 || predictions.Count == 0)
            return (marks, patterns);
        var byTime = bars.ToDictionary(b => b.OpenTimeUnixMs);
        var labelledFrom = bars[Math.Max(0, bars.Count - LabelledBars)].OpenTimeUnixMs;
        var newest = predictions.MaxBy(p => p.BarTimeUnixMs)!;
        foreach (var p in predictions)
        {
            var latest = ReferenceEquals(p, newest);
            BarView? bar = p.Timeframe == timeframe ? byTime.GetValueOrDefault(p.BarTimeUnixMs) : latest ? bars[^1] : null;
            if (bar is null)
                continue;
            var up = p.Direction > 0;
            var text = $"{(latest ? "latest " : "")}prediction {(up ? "up" : "down")}: P(up) {p.ProbabilityUp:0.000}, {AgreementText.Describe(p)}, {p.Regime}";
            marks.Add(new ChartMarker(Time(bar.OpenTimeUnixMs), up ? bar.High : bar.Low, up, text, Latest: latest));
            if (p.Timeframe != timeframe)
                continue;
            foreach (var pattern in p.Patterns)
                patterns.Add(new ChartMarker(Time(bar.OpenTimeUnixMs), up ? bar.Low : bar.High, pattern.Direction > 0,
                    PatternText.Named(pattern), Label: bar.OpenTimeUnixMs >= labelledFrom ? pattern.Pattern : ""));
        }
        return (marks, patterns);
    }

    private static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
