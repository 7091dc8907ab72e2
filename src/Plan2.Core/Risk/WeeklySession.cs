namespace Plan2.Core.Risk;

/// <summary>
/// One weekly trading window in UTC, from an open day and time to a close day and time (close
/// exclusive). A window whose close comes before its open in the week wraps over the weekend.
/// </summary>
public readonly record struct WeeklySession(DayOfWeek OpenDay, TimeOnly OpenTime, DayOfWeek CloseDay, TimeOnly CloseTime)
{
    public const int MinutesPerWeek = 7 * 24 * 60;

    /// <summary>Minutes since Sunday 00:00 UTC.</summary>
    public int OpenMinute => MinuteOfWeek(OpenDay, OpenTime);
    public int CloseMinute => MinuteOfWeek(CloseDay, CloseTime);

    public bool Contains(int minuteOfWeek)
    {
        int open = OpenMinute, close = CloseMinute;
        return open < close
            ? minuteOfWeek >= open && minuteOfWeek < close
            : minuteOfWeek >= open || minuteOfWeek < close; // wraps past Saturday midnight
    }

    public static int MinuteOfWeek(DayOfWeek day, TimeOnly time) => (int)day * 1440 + time.Hour * 60 + time.Minute;

    public static int MinuteOfWeek(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return MinuteOfWeek(utc.DayOfWeek, TimeOnly.FromDateTime(utc));
    }
}
