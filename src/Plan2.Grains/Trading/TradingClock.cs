namespace Plan2.Grains.Trading;

public static class TradingClock
{
    /// <summary>Now, truncated to the microsecond PostgreSQL keeps, so a rebuilt order carries exactly the times it had live.</summary>
    public static DateTimeOffset NowMicros(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
