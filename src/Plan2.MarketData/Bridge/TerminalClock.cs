namespace Plan2.MarketData.Bridge;

/// <summary>
/// What the server knows of one terminal's clocks. <see cref="BrokerOffset"/> is what a v2 EA reported
/// subtracting from trade-server times (null from a v1 EA, which sends trade-server time as is);
/// <see cref="TerminalSkew"/> is the terminal's UTC minus ours, from HELLO, heartbeats and CLOCK;
/// <see cref="TicksAhead"/> counts ticks stamped later than our UTC clock plus the tolerance, the mark
/// of trade-server time sent as UTC. <see cref="Problem"/> is null when the clock looks right.
/// </summary>
public sealed record TerminalClock(int ProtocolVersion, TimeSpan? BrokerOffset, TimeSpan? TerminalSkew, long TicksAhead,
    TimeSpan MaxTickLead, string? Problem)
{
    /// <summary>"UTC+03:00" style, for descriptions.</summary>
    public static string FormatOffset(TimeSpan offset) => $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}";
}
