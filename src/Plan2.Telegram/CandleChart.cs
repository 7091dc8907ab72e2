using Plan2.Abstractions.MarketData;
using ScottPlot;

namespace Plan2.Telegram;

/// <summary>Draws recent candles with their SMA 20, EMA 20 and Bollinger bands to a PNG, server-side.</summary>
public static class CandleChart
{
    public static byte[] Render(string symbol, string timeframe, IReadOnlyList<BarView> bars, int width = 900, int height = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bars.Count, 2);
        var span = TimeSpan.FromMilliseconds(bars[1].OpenTimeUnixMs - bars[0].OpenTimeUnixMs);
        var plot = new Plot();
        var candles = bars.Select(b => new OHLC((double)b.Open, (double)b.High, (double)b.Low, (double)b.Close, Time(b), span)).ToList();
        plot.Add.Candlestick(candles);
        Line(plot, bars, b => b.Indicators.Sma20, "SMA 20", Colors.Orange);
        Line(plot, bars, b => b.Indicators.Ema20, "EMA 20", Colors.Purple);
        Line(plot, bars, b => b.Indicators.BbUpper, "Bollinger", Colors.Gray);
        Line(plot, bars, b => b.Indicators.BbLower, null, Colors.Gray);
        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{symbol} {timeframe}: last {bars.Count} bars");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static DateTime Time(BarView b) => DateTimeOffset.FromUnixTimeMilliseconds(b.OpenTimeUnixMs).UtcDateTime;

    private static void Line(Plot plot, IReadOnlyList<BarView> bars, Func<BarView, double> value, string? label, Color color)
    {
        var points = bars.Where(b => double.IsFinite(value(b))).ToList(); // NaN while the indicator warms up
        if (points.Count < 2)
            return;
        var line = plot.Add.Scatter(points.Select(b => Time(b).ToOADate()).ToArray(), points.Select(value).ToArray(), color);
        line.MarkerSize = 0;
        if (label is not null)
            line.LegendText = label;
    }
}
