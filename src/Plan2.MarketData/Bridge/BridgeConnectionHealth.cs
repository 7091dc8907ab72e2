namespace Plan2.MarketData.Bridge;

/// <summary>One open connection; <see cref="TerminalId"/> is null until HELLO succeeds.</summary>
public sealed record BridgeConnectionHealth(long ConnectionId, string RemoteEndPoint, string? TerminalId, BridgeCounterSnapshot Counters,
    TerminalClock Clock);
