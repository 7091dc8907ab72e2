namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// The real clock moved by <see cref="Offset"/>: a broker's trade server (UTC+2, then +3 after a
/// daylight-saving switch) or a terminal whose own clock is wrong. Timers stay the system's.
/// </summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    private long _offsetTicks = offset.Ticks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
