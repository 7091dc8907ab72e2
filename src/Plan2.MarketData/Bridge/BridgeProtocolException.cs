namespace Plan2.MarketData.Bridge;

/// <summary>A frame the server will not accept: closes the connection, after a REJECT when <see cref="Reject"/> is set.</summary>
internal sealed class BridgeProtocolException(BridgeFault fault, string message, RejectReason? reject = RejectReason.ProtocolError, Exception? inner = null)
    : Exception(message, inner)
{
    public BridgeFault Fault { get; } = fault;
    public RejectReason? Reject { get; } = reject;
}
