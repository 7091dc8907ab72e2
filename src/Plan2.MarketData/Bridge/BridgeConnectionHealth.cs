namespace Plan2.MarketData.Bridge;

/// <summary>
/// One open connection; <see cref="TerminalId"/> is null until HELLO succeeds. <see cref="IsInternal"/>:
/// one of the platform's own feeds (it presented the server's internal token). <see cref="Symbols"/>: what
/// the terminal streams (empty before HELLO), so clients can show a terminal's instruments.
/// </summary>
public sealed record BridgeConnectionHealth(long ConnectionId, string RemoteEndPoint, string? TerminalId, BridgeCounterSnapshot Counters,
    TerminalClock Clock, bool IsInternal, IReadOnlyList<string> Symbols);
