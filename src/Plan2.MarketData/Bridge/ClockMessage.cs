namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server (protocol v2): the trade server's offset from UTC that the EA subtracts from every
/// tick and deal time it sends, with the terminal's UTC and trade-server clocks at sending. Sent after
/// each WELCOME and whenever the offset changes (a daylight-saving switch). Informational: the times
/// on the wire are already UTC; the server shows the offset and checks the terminal's clock with it.
/// </summary>
public readonly record struct ClockMessage(long BrokerOffsetMs, long TerminalUtcMs, long TradeServerMs) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Clock;
    public int PayloadSize => 24;

    public void Write(ref WireWriter writer)
    {
        writer.I64(BrokerOffsetMs);
        writer.I64(TerminalUtcMs);
        writer.I64(TradeServerMs);
    }

    public static ClockMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var offset = reader.I64();
        var utc = reader.I64();
        var server = reader.I64();
        return reader.Complete ? new ClockMessage(offset, utc, server) : null;
    }
}
