namespace Plan2.Web.Services.Charts;

/// <summary>What a user chose for their chart, kept per browser: symbol, timeframe, overlays and panes.</summary>
public sealed record ChartSettings(string? Symbol = null, string Timeframe = "M1", IReadOnlyList<string>? Overlays = null, IReadOnlyList<string>? Panes = null)
{
    public static readonly IReadOnlyList<string> Timeframes = ["M1", "M5", "M15", "H1", "D1"];
    public const string Sma = "SMA 20", Ema = "EMA 20", Bollinger = "Bollinger 20,2";
    public const string Rsi = "RSI 14", Macd = "MACD 12,26,9";
    public static readonly IReadOnlyList<string> AllOverlays = [Sma, Ema, Bollinger];
    public static readonly IReadOnlyList<string> AllPanes = [Rsi, Macd];

    public IReadOnlyList<string> Overlays { get; init; } = Overlays ?? [];
    public IReadOnlyList<string> Panes { get; init; } = Panes ?? [];

    /// <summary>Drops what this version does not know (settings from an older build), so a stale setting never breaks the page.</summary>
    public ChartSettings Sanitised() => this with
    {
        Timeframe = Timeframes.Contains(Timeframe) ? Timeframe : "M1",
        Overlays = [.. Overlays.Where(AllOverlays.Contains).Distinct()],
        Panes = [.. Panes.Where(AllPanes.Contains).Distinct()],
    };
}
