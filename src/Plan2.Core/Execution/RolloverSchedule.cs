namespace Plan2.Core.Execution;

/// <summary>
/// The daily rollover at which open positions pay or earn swap: a fixed UTC time (22:00 by default,
/// 17:00 New York in winter, where FX brokers roll), Monday to Friday; the weekend is paid by the
/// instrument's triple-swap day. Driven by the quotes' time, so a replay crosses rollovers exactly as live does.
/// </summary>
public sealed class RolloverSchedule(TimeOnly atUtc)
{
    private long _nextMs = long.MinValue;

    public TimeOnly AtUtc { get; } = atUtc;

    public static RolloverSchedule Default() => new(new TimeOnly(22, 0));

    /// <summary>
    /// Calls <paramref name="rollover"/> with the weekday of every weekday rollover passed since the
    /// previous call (none the first time: the clock starts at the first quote). Cheap when none is due.
    /// </summary>
    public void Advance(long nowMs, Action<DayOfWeek, DateTimeOffset> rollover)
    {
        if (nowMs >= _nextMs)
            Roll(nowMs, rollover); // once a day: the check alone is small enough to inline into every quote's path
    }

    private void Roll(long nowMs, Action<DayOfWeek, DateTimeOffset> rollover)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        if (_nextMs != long.MinValue)
        {
            for (var at = DateTimeOffset.FromUnixTimeMilliseconds(_nextMs); at.ToUnixTimeMilliseconds() <= nowMs; at = at.AddDays(1))
                if (at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    rollover(at.DayOfWeek, at);
        }
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), AtUtc, TimeSpan.Zero);
        _nextMs = (today > now ? today : today.AddDays(1)).ToUnixTimeMilliseconds();
    }
}
