using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>
/// A copy_rates_* frame of the MetaTrader5 Python package saved with pandas: comma-separated, columns
/// named by the header (time, open, high, low, close, tick_volume; spread and real_volume ignored;
/// a leading index column skipped). Time is epoch seconds as the package returns it, or
/// "YYYY-MM-DD[ HH:MM[:SS]]" once converted with pd.to_datetime (a "+00:00" or "Z" suffix allowed);
/// either way on the broker's clock.
/// </summary>
internal sealed class Mt5PythonBarParser(long utcOffsetMs) : LineParser(utcOffsetMs)
{
    private int _time = 0, _open = 1, _high = 2, _low = 3, _close = 4, _tickVolume = 5;

    public override void OnHeader(string header)
    {
        var columns = header.Split(',', StringSplitOptions.TrimEntries).Select(c => c.Trim('"').ToLowerInvariant()).ToList();
        _time = columns.IndexOf("time");
        _open = columns.IndexOf("open");
        _high = columns.IndexOf("high");
        _low = columns.IndexOf("low");
        _close = columns.IndexOf("close");
        _tickVolume = columns.IndexOf("tick_volume");
    }

    public override LineKind Parse(ReadOnlySpan<char> line, out Tick tick, out Candle bar, out string? error)
    {
        ReadOnlySpan<char> time = default, open = default, high = default, low = default, close = default, volume = default;
        var f = new FieldCursor(line, ',');
        var fields = 0;
        while (f.Next(out var field))
        {
            var i = f.Index - 1;
            if (i == _time) time = field;
            else if (i == _open) open = field;
            else if (i == _high) high = field;
            else if (i == _low) low = field;
            else if (i == _close) close = field;
            else if (i == _tickVolume) volume = field;
            fields++;
        }
        if (fields <= _close)
            return Bad($"{fields} fields; the header names {_close + 1} or more", out tick, out bar, out error);
        if (!TryTime(time, out var utcMs))
            return Bad($"time '{Shorten(time)}' is neither epoch seconds nor YYYY-MM-DD HH:MM:SS", out tick, out bar, out error);
        if (!TryPrice(open, "open", out var o, out error) || !TryPrice(high, "high", out var h, out error)
            || !TryPrice(low, "low", out var l, out error) || !TryPrice(close, "close", out var c, out error))
            return Bad(error!, out tick, out bar, out error);
        long tickVolume = 0;
        if (!volume.IsEmpty && !long.TryParse(volume, out tickVolume))
            return Bad($"tick volume '{Shorten(volume)}' is not a whole number", out tick, out bar, out error);
        tick = default;
        bar = new Candle(utcMs, o, h, l, c, tickVolume);
        error = null;
        return LineKind.Bar;
    }

    private bool TryTime(ReadOnlySpan<char> s, out long utcMs)
    {
        utcMs = 0;
        if (s.Length is > 0 and <= 11 && long.TryParse(s, out var seconds) && seconds >= 0)
        {
            utcMs = seconds * 1000 - UtcOffsetMs;
            return true;
        }
        // A UTC-aware pandas column ends in "+00:00" (or "Z"); other offsets are left to --utc-offset.
        if (s.EndsWith("+00:00", StringComparison.Ordinal)) s = s[..^6];
        else if (s.EndsWith('Z')) s = s[..^1];
        var space = s.IndexOfAny(' ', 'T');
        var date = space < 0 ? s : s[..space];
        var clock = space < 0 ? "00:00:00" : s[(space + 1)..];
        if (!TextTime.TryParseDate(date, out var days) || !TextTime.TryParseTime(clock, out var ms))
            return false;
        utcMs = ToUtc(days, ms);
        return true;
    }
}
