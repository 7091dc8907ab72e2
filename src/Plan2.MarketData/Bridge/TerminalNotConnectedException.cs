namespace Plan2.MarketData.Bridge;

/// <summary>The terminal had no connection when an order was to be sent: the order certainly did not leave.</summary>
public sealed class TerminalNotConnectedException(string terminalId)
    : IOException($"Terminal '{terminalId}' is not connected; nothing was sent.")
{
    public string TerminalId { get; } = terminalId;
}
