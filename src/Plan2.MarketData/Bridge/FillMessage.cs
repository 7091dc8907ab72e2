namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server, one deal from OnTradeTransaction(DEAL_ADD). <see cref="ClientOrderId"/> is resolved by
/// the EA from the deal's order ticket; empty when the order was not ours (a manual trade).
/// </summary>
public sealed record FillMessage(ulong DealTicket, ulong OrderTicket, ulong PositionTicket, long TimeMs, double Price, double Volume,
    BridgeOrderSide Side, string ClientOrderId, string Symbol) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Fill;

    public int PayloadSize => 56 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

    public void Write(ref WireWriter writer)
    {
        writer.U64(DealTicket);
        writer.U64(OrderTicket);
        writer.U64(PositionTicket);
        writer.I64(TimeMs);
        writer.F64(Price);
        writer.F64(Volume);
        writer.U8((byte)Side);
        writer.U8(0);
        writer.U16(0);
        writer.U32(0);
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static FillMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var fill = ReadFrom(ref reader);
        return reader.Complete ? fill : null;
    }

    /// <summary>One FILL layout from a longer payload (TRADE_SNAPSHOT lists its deals so); check the reader afterwards.</summary>
    public static FillMessage ReadFrom(ref WireReader reader)
    {
        var deal = reader.U64();
        var order = reader.U64();
        var position = reader.U64();
        var time = reader.I64();
        var price = reader.F64();
        var volume = reader.F64();
        var side = (BridgeOrderSide)reader.U8();
        reader.U8();
        reader.U16();
        reader.U32();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        return new FillMessage(deal, order, position, time, price, volume, side, id, symbol);
    }
}
