using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

internal enum LineKind { Tick, Bar, Header, Bad }

/// <summary>
/// Turns one line of a format into a tick or a bar in UTC, or says why it cannot. Stateful where
/// the format is (MT5 ticks carry unchanged prices forward), so one parser reads one file.
/// </summary>
internal abstract class LineParser(long utcOffsetMs)
{
    /// <summary>Subtracted from the file's local times to get UTC.</summary>
    protected long UtcOffsetMs { get; } = utcOffsetMs;

    public abstract LineKind Parse(ReadOnlySpan<char> line, out Tick tick, out Candle bar, out string? error);

    /// <summary>The file's header line (already checked against the format), for formats whose columns it names.</summary>
    public virtual void OnHeader(string header) { }

    public static LineParser For(ImportFormat format, TimeSpan utcOffset)
    {
        var offset = (long)utcOffset.TotalMilliseconds;
        return format switch
        {
            ImportFormat.Mt5Ticks => new Mt5TickParser(offset),
            ImportFormat.Mt5Bars => new Mt5BarParser(offset),
            ImportFormat.M1Bars => new HistDataBarParser(offset),
            ImportFormat.MtBars => new MtBarParser(offset),
            ImportFormat.Mt5Python => new Mt5PythonBarParser(offset),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    protected long ToUtc(long days, long msOfDay) => days * 86_400_000L + msOfDay - UtcOffsetMs;

    protected static bool TryPrice(ReadOnlySpan<char> field, string name, out Price price, out string? error)
    {
        if (Price.TryParse(field, out price))
        {
            error = null;
            return true;
        }
        error = field.IsEmpty ? $"{name} is missing" : $"{name} '{Shorten(field)}' is not a price";
        return false;
    }

    /// <summary>A field quoted in an error: cut short, and escaped so that control bytes never reach a terminal.</summary>
    protected static string Shorten(ReadOnlySpan<char> s) => s.Length <= 24 ? Printable.Escape(s) : Printable.Escape(s[..24]) + "…";

    protected static LineKind Bad(string message, out Tick tick, out Candle bar, out string? error)
    {
        tick = default;
        bar = default;
        error = message;
        return LineKind.Bad;
    }

    /// <summary>MT5 exports start with a header row of &lt;DATE&gt; &lt;TIME&gt; …; the importer has already checked it.</summary>
    protected static bool IsMt5Header(ReadOnlySpan<char> line) => line.StartsWith("<DATE>", StringComparison.OrdinalIgnoreCase);

    /// <summary>MT5's separate DATE and TIME fields, as UTC milliseconds.</summary>
    protected bool TryMt5Time(ref FieldCursor f, string timeSpelling, out long utcMs, out string? error)
    {
        utcMs = 0;
        if (!f.Next(out var date) || !TextTime.TryParseDate(date, out var days))
        {
            error = $"date '{Shorten(date)}' is not YYYY.MM.DD";
            return false;
        }
        if (!f.Next(out var time) || !TextTime.TryParseTime(time, out var ms))
        {
            error = $"time '{Shorten(time)}' is not {timeSpelling}";
            return false;
        }
        utcMs = ToUtc(days, ms);
        error = null;
        return true;
    }

    /// <summary>An optional whole-number tick volume in the next field.</summary>
    protected static bool TryTickVolume(ref FieldCursor f, out long tickVolume, out string? error)
    {
        tickVolume = 0;
        error = null;
        if (f.Next(out var tv) && !tv.IsEmpty && !long.TryParse(tv, out tickVolume))
            error = $"tick volume '{Shorten(tv)}' is not a whole number";
        return error is null;
    }

    /// <summary>Reads OHLC from the next four fields of a cursor.</summary>
    protected static bool TryOhlc(ref FieldCursor f, out Price o, out Price h, out Price l, out Price c, out string? error)
    {
        o = h = l = c = default;
        error = "too few fields";
        return f.Next(out var fo) && TryPrice(fo, "open", out o, out error)
            && f.Next(out var fh) && TryPrice(fh, "high", out h, out error)
            && f.Next(out var fl) && TryPrice(fl, "low", out l, out error)
            && f.Next(out var fc) && TryPrice(fc, "close", out c, out error);
    }
}
