namespace Plan2.MarketData.Bridge;

/// <summary>
/// Collects one connection's clock evidence (written by its read loop, read by health snapshots) and
/// judges it against a tolerance: the terminal's own UTC clock too far from ours, or ticks arriving
/// from the future, make the clock "off".
/// </summary>
internal sealed class TerminalClockWatch(TimeSpan tolerance)
{
    private const long Unknown = long.MinValue;
    private readonly long _toleranceMs = (long)tolerance.TotalMilliseconds;
    private long _offsetMs = Unknown;
    private long _skewMs = Unknown;
    private long _ticksAhead;
    private long _maxLeadMs;

    public long ToleranceMs => _toleranceMs;

    /// <summary>Saturates (and never lands on the "unknown" mark) rather than wrapping: a wild time is a huge skew, not a small one.</summary>
    public void TerminalTime(long terminalUtcMs, long serverUtcMs) =>
        Interlocked.Exchange(ref _skewMs, Math.Max(-long.MaxValue, long.CreateSaturating((Int128)terminalUtcMs - serverUtcMs)));

    /// <summary>True when the offset differs from the last one reported (worth a log line).</summary>
    public bool BrokerOffset(long offsetMs)
    {
        offsetMs = Math.Max(-long.MaxValue, offsetMs); // never the "unknown" mark
        return Interlocked.Exchange(ref _offsetMs, offsetMs) != offsetMs;
    }

    /// <summary>True for the first ticks ahead on this connection (worth a warning).</summary>
    public bool Ahead(long count, long leadMs)
    {
        var first = Interlocked.Add(ref _ticksAhead, count) == count;
        var current = Interlocked.Read(ref _maxLeadMs);
        while (leadMs > current && Interlocked.CompareExchange(ref _maxLeadMs, leadMs, current) is var seen && seen != current)
            current = seen;
        return first;
    }

    public TerminalClock Snapshot(int version)
    {
        var offset = Interlocked.Read(ref _offsetMs);
        var skew = Interlocked.Read(ref _skewMs);
        var ahead = Interlocked.Read(ref _ticksAhead);
        var lead = Span(Interlocked.Read(ref _maxLeadMs));
        var problems = new List<string>();
        if (skew != Unknown && Math.Abs(skew) > _toleranceMs)
            problems.Add($"the terminal's UTC clock is {Format(skew)} {(skew > 0 ? "ahead of" : "behind")} the server's");
        if (ahead > 0)
            problems.Add($"{ahead} tick(s) stamped up to {lead:g} ahead of the server's UTC clock"
                + (version < BridgeProtocol.ClockVersion ? " (a v1 EA sends trade-server time: update Plan2Bridge.mq5)" : ""));
        return new TerminalClock(version, offset == Unknown ? null : Span(offset),
            skew == Unknown ? null : Span(skew), ahead, lead, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static string Format(long ms) => Span(ms).Duration().ToString("g");

    /// <summary>
    /// Milliseconds a terminal sent (or computed from them) as a TimeSpan, held within its range: a wild time stamp is
    /// reported as a huge lead or skew, never an overflow that would close the connection or fail every health snapshot.
    /// </summary>
    public static TimeSpan Span(long ms) => ms >= MaxSpanMs ? TimeSpan.MaxValue : ms <= -MaxSpanMs ? -TimeSpan.MaxValue : TimeSpan.FromMilliseconds(ms);

    private static readonly long MaxSpanMs = (long)TimeSpan.MaxValue.TotalMilliseconds;
}
