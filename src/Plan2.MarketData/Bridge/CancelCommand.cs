namespace Plan2.MarketData.Bridge;

/// <summary>Server → EA (version 4): remove the pending order with this ticket (TRADE_ACTION_REMOVE). Answered by REQUEST_RESULT.</summary>
public sealed record CancelCommand(ulong OrderTicket, string ClientOrderId, string Symbol) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Cancel;

    public int PayloadSize => 8 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

    public void Write(ref WireWriter writer)
    {
        writer.U64(OrderTicket);
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static CancelCommand? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var ticket = reader.U64();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        return reader.Complete ? new CancelCommand(ticket, id, symbol) : null;
    }
}
