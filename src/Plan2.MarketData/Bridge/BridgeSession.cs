namespace Plan2.MarketData.Bridge;

/// <summary>
/// One authenticated connection as the sink sees it. Tick sequence numbers are per
/// (<see cref="TerminalId"/>, <see cref="SessionId"/>, symbol): a new session id restarts them at 1.
/// </summary>
public sealed record BridgeSession(long ConnectionId, string TerminalId, ulong SessionId, string RemoteEndPoint, IReadOnlyList<string> Symbols);
