namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server, the synchronous answer to one ORDER: the terminal's retcode and order ticket, so
/// both sides can map ticket → client order id before any fill arrives. Doubles as MT5 reports them.
/// </summary>
public sealed record OrderResultMessage(string ClientOrderId, string Symbol, uint Retcode, ulong OrderTicket, ulong DealTicket,
    double Price, double Volume, string Message) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.OrderResult;

    public int PayloadSize => 40 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol) + WireWriter.StrSize(Message);

    public void Write(ref WireWriter writer)
    {
        writer.U32(Retcode);
        writer.U32(0);
        writer.U64(OrderTicket);
        writer.U64(DealTicket);
        writer.F64(Price);
        writer.F64(Volume);
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
        writer.Str(Message);
    }

    public static OrderResultMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var retcode = reader.U32();
        reader.U32();
        var order = reader.U64();
        var deal = reader.U64();
        var price = reader.F64();
        var volume = reader.F64();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        var message = reader.Str(BridgeProtocol.MaxMessageBytes);
        return reader.Complete ? new OrderResultMessage(id, symbol, retcode, order, deal, price, volume, message) : null;
    }
}
