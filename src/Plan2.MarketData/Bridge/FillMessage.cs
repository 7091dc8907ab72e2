namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server, one deal from OnTradeTransaction(DEAL_ADD). <see cref="ClientOrderId"/> is resolved by
/// the EA from the deal's order ticket; empty when the order was not ours (a manual trade). Version 4 adds
/// the deal's DEAL_COMMISSION, DEAL_SWAP and DEAL_FEE, signed as MT5 reports them (a charge is negative), in
/// the account's currency; <see cref="Layout"/> is the version the payload is written in.
/// </summary>
public sealed record FillMessage(ulong DealTicket, ulong OrderTicket, ulong PositionTicket, long TimeMs, double Price, double Volume,
    BridgeOrderSide Side, string ClientOrderId, string Symbol, double Commission = 0, double Swap = 0, double Fee = 0) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Fill;

    /// <summary>The protocol version whose FILL layout is written; not part of the deal.</summary>
    public byte Layout { get; init; } = BridgeProtocol.Version;

    public int PayloadSize => (Layout >= BridgeProtocol.TradingVersion ? 80 : 56) + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

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
        if (Layout >= BridgeProtocol.TradingVersion)
        {
            writer.F64(Commission);
            writer.F64(Swap);
            writer.F64(Fee);
        }
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static FillMessage? Read(ReadOnlySpan<byte> payload, byte version = BridgeProtocol.Version)
    {
        var reader = new WireReader(payload);
        var fill = ReadFrom(ref reader, version);
        return reader.Complete ? fill : null;
    }

    /// <summary>One FILL layout from a longer payload (TRADE_SNAPSHOT lists its deals so); check the reader afterwards.</summary>
    public static FillMessage ReadFrom(ref WireReader reader, byte version = BridgeProtocol.Version)
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
        double commission = 0, swap = 0, fee = 0;
        if (version >= BridgeProtocol.TradingVersion)
        {
            commission = reader.F64();
            swap = reader.F64();
            fee = reader.F64();
        }
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        return new FillMessage(deal, order, position, time, price, volume, side, id, symbol, commission, swap, fee) { Layout = version };
    }
}
