namespace Plan2.MarketData.Bridge;

/// <summary>The server's counters and each open connection's.</summary>
public sealed record BridgeHealth(BridgeCounterSnapshot Total, IReadOnlyList<BridgeConnectionHealth> Connections);
