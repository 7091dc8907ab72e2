namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server (version 4): a pending order of ours triggered (a stop-limit became a limit), was canceled or
/// expired at the terminal (OnTradeTransaction: ORDER_UPDATE, HISTORY_ADD). The EA sends the order's deals
/// again first (FILLs dedupe by deal ticket), so the server never sees an order closed before its last fill.
/// <see cref="VolumeLeft"/> is ORDER_VOLUME_CURRENT: what was never filled. Times are UTC like deal times.
/// </summary>
public sealed record OrderEventMessage(BridgeOrderEventKind Event, ulong OrderTicket, long TimeMs, double VolumeLeft, string ClientOrderId,
    string Symbol, string Message) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.OrderEvent;

    public int PayloadSize => 32 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol) + WireWriter.StrSize(Message);

    public void Write(ref WireWriter writer)
    {
        writer.U64(OrderTicket);
        writer.I64(TimeMs);
        writer.F64(VolumeLeft);
        writer.U8((byte)Event);
        writer.U8(0);
        writer.U16(0);
        writer.U32(0);
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
        writer.Str(Message);
    }

    public static OrderEventMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var ticket = reader.U64();
        var time = reader.I64();
        var left = reader.F64();
        var kind = (BridgeOrderEventKind)reader.U8();
        reader.U8();
        reader.U16();
        reader.U32();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        var message = reader.Str(BridgeProtocol.MaxMessageBytes);
        return reader.Complete ? new OrderEventMessage(kind, ticket, time, left, id, symbol, message) : null;
    }
}
