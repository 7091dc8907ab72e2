using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>MT5 bar export: tab-separated DATE TIME OPEN HIGH LOW CLOSE TICKVOL VOL SPREAD, with a header.</summary>
internal sealed class Mt5BarParser(long utcOffsetMs) : LineParser(utcOffsetMs)
{
    public override LineKind Parse(ReadOnlySpan<char> line, out Tick tick, out Candle bar, out string? error)
    {
        if (IsMt5Header(line))
        {
            tick = default; bar = default; error = null;
            return LineKind.Header;
        }
        var f = new FieldCursor(line, '\t');
        if (!TryMt5Time(ref f, "HH:MM:SS", out var utcMs, out error)
            || !TryOhlc(ref f, out var o, out var h, out var l, out var c, out error)
            || !TryTickVolume(ref f, out var tickVolume, out error))
            return Bad(error!, out tick, out bar, out error);
        tick = default;
        bar = new Candle(utcMs, o, h, l, c, tickVolume);
        return LineKind.Bar;
    }
}

/// <summary>HistData generic ASCII M1: "YYYYMMDD HHMMSS;open;high;low;close;volume", no header.</summary>
internal sealed class HistDataBarParser(long utcOffsetMs) : LineParser(utcOffsetMs)
{
    public override LineKind Parse(ReadOnlySpan<char> line, out Tick tick, out Candle bar, out string? error)
    {
        var f = new FieldCursor(line, ';');
        if (!f.Next(out var stamp) || stamp.Length != 15 || stamp[8] != ' '
            || !TextTime.TryParseDate(stamp[..8], out var days) || !TextTime.TryParseTime(stamp[9..], out var ms))
            return Bad($"time '{Shorten(stamp)}' is not YYYYMMDD HHMMSS", out tick, out bar, out error);
        if (!TryOhlc(ref f, out var o, out var h, out var l, out var c, out error))
            return Bad(error!, out tick, out bar, out error);
        tick = default;
        bar = new Candle(ToUtc(days, ms), o, h, l, c);
        return LineKind.Bar;
    }
}

/// <summary>Headerless MetaTrader bars: "YYYY-MM-DD HH:MM,open,high,low,close,tick_volume".</summary>
internal sealed class MtBarParser(long utcOffsetMs) : LineParser(utcOffsetMs)
{
    public override LineKind Parse(ReadOnlySpan<char> line, out Tick tick, out Candle bar, out string? error)
    {
        var f = new FieldCursor(line, ',');
        if (!f.Next(out var stamp))
            return Bad("empty line", out tick, out bar, out error);
        var space = stamp.IndexOf(' ');
        if (space < 0 || !TextTime.TryParseDate(stamp[..space], out var days) || !TextTime.TryParseTime(stamp[(space + 1)..], out var ms))
            return Bad($"time '{Shorten(stamp)}' is not YYYY-MM-DD HH:MM", out tick, out bar, out error);
        if (!TryOhlc(ref f, out var o, out var h, out var l, out var c, out error) || !TryTickVolume(ref f, out var tickVolume, out error))
            return Bad(error!, out tick, out bar, out error);
        tick = default;
        bar = new Candle(ToUtc(days, ms), o, h, l, c, tickVolume);
        return LineKind.Bar;
    }
}
