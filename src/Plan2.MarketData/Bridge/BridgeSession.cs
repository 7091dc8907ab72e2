namespace Plan2.MarketData.Bridge;

/// <summary>
/// One authenticated connection as the sink sees it. Tick sequence numbers are per
/// (<see cref="TerminalId"/>, <see cref="SessionId"/>, symbol): a new session id restarts them at 1.
/// <see cref="IsInternal"/>: the platform's own feed (it presented <see cref="BridgeServer.InternalToken"/>),
/// decided by the secret it holds, never by the name it gives.
/// </summary>
public sealed record BridgeSession(long ConnectionId, string TerminalId, ulong SessionId, string RemoteEndPoint, IReadOnlyList<string> Symbols,
    bool IsInternal = false);
