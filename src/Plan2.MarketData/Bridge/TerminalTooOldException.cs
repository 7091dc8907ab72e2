namespace Plan2.MarketData.Bridge;

/// <summary>
/// The terminal's EA speaks an older protocol than the request needs (cancel, modify, stop-limit and time in
/// force need version 4): nothing was sent. The EA must be updated; what v3 supports keeps working.
/// </summary>
public sealed class TerminalTooOldException(string terminalId, byte version, string what)
    : InvalidOperationException($"Terminal '{terminalId}' speaks bridge protocol v{version}; {what} needs v{BridgeProtocol.TradingVersion}: update its Expert Advisor. Nothing was sent.")
{
    public string TerminalId { get; } = terminalId;
    public byte Version { get; } = version;
}
