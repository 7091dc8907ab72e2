namespace Plan2.Web.Services.Charts;

// What plan2-chart.js draws, serialised as camelCase JSON. Indicator gaps (warm-up) are null, never NaN.

public sealed record ChartFrame(
    string Symbol, string Timeframe, string Revision, string PriceFormat, bool Dark, bool WeekendBreaks, string Up, string Down,
    IReadOnlyList<string> Times, IReadOnlyList<decimal> Open, IReadOnlyList<decimal> High, IReadOnlyList<decimal> Low, IReadOnlyList<decimal> Close,
    IReadOnlyList<ChartLine> Overlays, IReadOnlyList<ChartPane> Panes, IReadOnlyList<ChartMarker> Predictions, IReadOnlyList<ChartMarker> Patterns,
    decimal? LastBid);

public sealed record ChartLine(string Name, IReadOnlyList<double?> Values, string Color, string Dash = "solid");

public sealed record ChartPane(string Name, IReadOnlyList<ChartSeries> Series, double[]? Range, double[]? Levels);

public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string Color, bool Bars = false);

/// <summary>A point marked on the price pane: a prediction (Up: its call) or a pattern (Label: its short name).</summary>
public sealed record ChartMarker(string Time, decimal Price, bool Up, string Text, string Label = "", bool Latest = false);
