namespace Plan2.MarketData.Import;

/// <summary>The file formats <c>plan2 import</c> reads.</summary>
public enum ImportFormat
{
    /// <summary>MetaTrader 5 tick export: tab-separated, header &lt;DATE&gt; &lt;TIME&gt; &lt;BID&gt; &lt;ASK&gt; &lt;LAST&gt; &lt;VOLUME&gt; &lt;FLAGS&gt;.</summary>
    Mt5Ticks,
    /// <summary>MetaTrader 5 bar export: tab-separated, header &lt;DATE&gt; &lt;TIME&gt; &lt;OPEN&gt; &lt;HIGH&gt; &lt;LOW&gt; &lt;CLOSE&gt; &lt;TICKVOL&gt; &lt;VOL&gt; &lt;SPREAD&gt;.</summary>
    Mt5Bars,
    /// <summary>HistData generic ASCII M1: <c>YYYYMMDD HHMMSS;open;high;low;close;volume</c>, fixed UTC−5.</summary>
    M1Bars,
    /// <summary>Headerless MetaTrader bar export: <c>YYYY-MM-DD HH:MM,open,high,low,close,tick_volume</c>.</summary>
    MtBars,
    /// <summary>
    /// A <c>copy_rates_*</c> frame of the MetaTrader5 Python package saved as CSV: header
    /// <c>time,open,high,low,close,tick_volume,spread,real_volume</c> (a leading pandas index column
    /// allowed); time in epoch seconds or <c>YYYY-MM-DD HH:MM:SS</c>, on the broker's clock.
    /// </summary>
    Mt5Python,
}

public static class ImportFormatNames
{
    public static readonly IReadOnlyDictionary<string, ImportFormat> ByName = new Dictionary<string, ImportFormat>
    {
        ["mt5-ticks"] = ImportFormat.Mt5Ticks,
        ["mt5-bars"] = ImportFormat.Mt5Bars,
        ["m1-bars"] = ImportFormat.M1Bars,
        ["mt-bars"] = ImportFormat.MtBars,
        ["mt5-python"] = ImportFormat.Mt5Python,
    };

    public static string Name(this ImportFormat format) => ByName.First(p => p.Value == format).Key;

    public static bool IsTicks(this ImportFormat format) => format == ImportFormat.Mt5Ticks;

    /// <summary>HistData publishes in EST without daylight saving; MetaTrader files carry the broker's time (0 unless told).</summary>
    public static TimeSpan DefaultUtcOffset(this ImportFormat format) =>
        format == ImportFormat.M1Bars ? TimeSpan.FromHours(-5) : TimeSpan.Zero;
}
