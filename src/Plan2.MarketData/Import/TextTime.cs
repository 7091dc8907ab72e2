namespace Plan2.MarketData.Import;

/// <summary>Allocation-free parsing of the date and time spellings our formats use, to Unix milliseconds.</summary>
internal static class TextTime
{
    /// <summary>"2024.03.04", "2024-03-04" (any one-character separator) or "20240304" → days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out long days)
    {
        days = 0;
        int y, m, d;
        if (s.Length == 10 && !char.IsAsciiDigit(s[4]) && s[7] == s[4])
        {
            if (!Digits(s[..4], out y) || !Digits(s.Slice(5, 2), out m) || !Digits(s.Slice(8, 2), out d)) return false;
        }
        else if (s.Length == 8)
        {
            if (!Digits(s[..4], out y) || !Digits(s.Slice(4, 2), out m) || !Digits(s.Slice(6, 2), out d)) return false;
        }
        else return false;
        if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        days = (long)(new DateTime(y, m, d) - DateTime.UnixEpoch).TotalDays;
        return true;
    }

    /// <summary>"HH:MM", "HH:MM:SS", "HH:MM:SS.mmm" or "HHMMSS" → milliseconds of the day.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, out long ms)
    {
        ms = 0;
        int h, mi, sec = 0, milli = 0;
        if (s.Length == 6 && char.IsAsciiDigit(s[2]))
        {
            if (!Digits(s[..2], out h) || !Digits(s.Slice(2, 2), out mi) || !Digits(s.Slice(4, 2), out sec)) return false;
        }
        else
        {
            if (s.Length < 5 || s[2] != ':' || !Digits(s[..2], out h) || !Digits(s.Slice(3, 2), out mi)) return false;
            if (s.Length > 5)
            {
                if (s.Length < 8 || s[5] != ':' || !Digits(s.Slice(6, 2), out sec)) return false;
                if (s.Length > 8 && (s.Length != 12 || s[8] != '.' || !Digits(s.Slice(9, 3), out milli))) return false;
            }
        }
        if (h > 23 || mi > 59 || sec > 59) return false;
        ms = ((h * 60L + mi) * 60 + sec) * 1000 + milli;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
