namespace Plan2.MarketData.Bridge;

/// <summary>The feed health's words for terminal clocks: what each terminal's broker offset is, and whose clock is off.</summary>
public static class TerminalClockReport
{
    /// <summary>"T1: &lt;problem&gt;; T2: …", or null when every terminal's clock looks right.</summary>
    public static string? Problems(IEnumerable<BridgeConnectionHealth> connections)
    {
        var problems = connections.Where(c => c.Clock.Problem is not null).Select(c => $"{c.TerminalId ?? c.RemoteEndPoint}: {c.Clock.Problem}").ToList();
        return problems.Count == 0 ? null : $"clock off: {string.Join("; ", problems)}";
    }

    /// <summary>The terminal id with its trade server's offset when the EA reported one.</summary>
    public static string Label(BridgeConnectionHealth connection) =>
        connection.Clock.BrokerOffset is { } offset
            ? $"{connection.TerminalId} (trade server {TerminalClock.FormatOffset(offset)}, times sent in UTC)"
            : connection.TerminalId ?? connection.RemoteEndPoint;
}
