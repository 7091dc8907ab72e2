namespace Plan2.MarketData.Bridge;

/// <summary>One pending order the terminal holds, as TRADE_SNAPSHOT lists it (doubles as MT5 reports them).</summary>
public sealed record SnapshotOrder(ulong OrderTicket, double VolumeInitial, double VolumeCurrent, double Price, BridgeOrderSide Side,
    BridgeOrderType OrderType, string ClientOrderId, string Symbol)
{
    public int Size => 40 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

    public void Write(ref WireWriter writer)
    {
        writer.U64(OrderTicket);
        writer.F64(VolumeInitial);
        writer.F64(VolumeCurrent);
        writer.F64(Price);
        writer.U8((byte)Side);
        writer.U8((byte)OrderType);
        writer.U16(0);
        writer.U32(0);
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static SnapshotOrder Read(ref WireReader reader)
    {
        var ticket = reader.U64();
        var initial = reader.F64();
        var current = reader.F64();
        var price = reader.F64();
        var side = (BridgeOrderSide)reader.U8();
        var type = (BridgeOrderType)reader.U8();
        reader.U16();
        reader.U32();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        return new SnapshotOrder(ticket, initial, current, price, side, type, id, symbol);
    }
}
