namespace Plan2.MarketData.Bridge;

/// <summary>The server answered HELLO with REJECT.</summary>
public sealed class BridgeRejectedException(RejectMessage reject)
    : Exception($"Bridge server rejected the connection: {reject.Reason}: {reject.Message}")
{
    public RejectMessage Reject { get; } = reject;
}
