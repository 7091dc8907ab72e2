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

    public IReadOnlyList<WeeklySession> Sessions => _sessions;

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
