namespace Plan2.Core.Risk;

/// <summary>
/// When new orders may be placed: inside any of the weekly sessions (UTC). No sessions means
/// always open. Minute resolution, which is what venue session tables use.
/// </summary>
public sealed class TradingHours
{
    private readonly WeeklySession[] _sessions;

    public TradingHours(IEnumerable<WeeklySession> sessions) => _sessions = sessions.ToArray();

    public static TradingHours Always { get; } = new([]);

    /// <summary>Spot FX: Sunday 22:00 to Friday 22:00 UTC (New York 17:00 in winter).</summary>
    public static TradingHours ForexWeek { get; } =
        new([new WeeklySession(DayOfWeek.Sunday, new TimeOnly(22, 0), DayOfWeek.Friday, new TimeOnly(22, 0))]);

    /// <summary>
    /// Spot FX by trading day: each day runs from 22:00 UTC to 22:00 UTC the next day (the New York 17:00
    /// roll), Sunday evening to Friday evening. Open when <see cref="ForexWeek"/> is, but a DAY order ends at the day's roll.
    /// </summary>
    public static TradingHours ForexDays { get; } = new(
        Enumerable.Range(0, 5).Select(d => new WeeklySession((DayOfWeek)d, new TimeOnly(22, 0), (DayOfWeek)(d + 1), new TimeOnly(22, 0))));

    public IReadOnlyList<WeeklySession> Sessions => _sessions;

    /// <summary>
    /// When a DAY order placed at <paramref name="at"/> stops working: the close of the session it is placed in
    /// (the earliest, if sessions overlap), or of the next session to open when placed outside all of them;
    /// with no sessions, the next midnight UTC.
    /// </summary>
    public DateTimeOffset DayEnd(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        if (_sessions.Length == 0)
            return new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
        var minute = WeeklySession.MinuteOfWeek(utc);
        int? inside = null, outside = null;
        foreach (var s in _sessions)
        {
            var length = Forward(s.OpenMinute, s.CloseMinute) is var l && l == 0 ? WeeklySession.MinutesPerWeek : l;
            if (s.Contains(minute))
                inside = Math.Min(inside ?? int.MaxValue, Forward(minute, s.CloseMinute) is var c && c == 0 ? length : c);
            else
                outside = Math.Min(outside ?? int.MaxValue, Forward(minute, s.OpenMinute) + length);
        }
        var startOfMinute = new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return startOfMinute.AddMinutes(inside ?? outside!.Value);
    }

    /// <summary>Minutes forward from one minute of the week to another, wrapping past Saturday midnight.</summary>
    private static int Forward(int from, int to) => ((to - from) % WeeklySession.MinutesPerWeek + WeeklySession.MinutesPerWeek) % WeeklySession.MinutesPerWeek;

    public bool IsOpen(DateTimeOffset now)
    {
        if (_sessions.Length == 0)
            return true;
        var minute = WeeklySession.MinuteOfWeek(now);
        foreach (var session in _sessions)
            if (session.Contains(minute)) return true;
        return false;
    }
}
