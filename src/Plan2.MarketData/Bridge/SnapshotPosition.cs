namespace Plan2.MarketData.Bridge;

/// <summary>One open position at the terminal, as TRADE_SNAPSHOT lists it.</summary>
public sealed record SnapshotPosition(ulong PositionTicket, double Volume, double PriceOpen, BridgeOrderSide Side, string Symbol)
{
    public int Size => 32 + WireWriter.StrSize(Symbol);

    public void Write(ref WireWriter writer)
    {
        writer.U64(PositionTicket);
        writer.F64(Volume);
        writer.F64(PriceOpen);
        writer.U8((byte)Side);
        writer.U8(0);
        writer.U16(0);
        writer.U32(0);
        writer.Str(Symbol);
    }

    public static SnapshotPosition Read(ref WireReader reader)
    {
        var ticket = reader.U64();
        var volume = reader.F64();
        var price = reader.F64();
        var side = (BridgeOrderSide)reader.U8();
        reader.U8();
        reader.U16();
        reader.U32();
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        return new SnapshotPosition(ticket, volume, price, side, symbol);
    }
}
