using Plan2.Core.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA (version 4): change a pending order (TRADE_ACTION_MODIFY): its price (a stop-limit's stop price),
/// its stop-limit's limit price, SL and TP (zero: none), and its time in force and expiry (GTC, DAY or GTD).
/// MT5 cannot change a pending order's volume, so there is none here. Answered by REQUEST_RESULT.
/// </summary>
public sealed record ModifyCommand(ulong OrderTicket, string ClientOrderId, string Symbol, Price Price, Price StopLimitPrice = default,
    Price StopLoss = default, Price TakeProfit = default, BridgeTimeInForce TimeInForce = BridgeTimeInForce.Gtc, long ExpirationMs = 0)
    : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Modify;

    public int PayloadSize => 56 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OrderTicket == 0) errors.Add("a modify needs the terminal's order ticket");
        if (!Price.IsPositive) errors.Add("a pending order needs a positive price");
        if (TimeInForce is not (BridgeTimeInForce.Gtc or BridgeTimeInForce.Day or BridgeTimeInForce.Gtd)) errors.Add("a pending order is GTC, DAY or GTD");
        if (TimeInForce == BridgeTimeInForce.Gtd && ExpirationMs <= 0) errors.Add("a GTD order needs its expiry");
        return errors;
    }

    public void Write(ref WireWriter writer)
    {
        writer.U64(OrderTicket);
        writer.F64(Price.ToDouble());
        writer.F64(StopLimitPrice.ToDouble());
        writer.F64(StopLoss.ToDouble());
        writer.F64(TakeProfit.ToDouble());
        writer.I64(ExpirationMs);
        writer.U8((byte)TimeInForce);
        writer.U8(0);
        writer.U16(0);
        writer.U32(0);
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static ModifyCommand? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var ticket = reader.U64();
        var price = Price.FromDouble(reader.F64());
        var stopLimit = Price.FromDouble(reader.F64());
        var sl = Price.FromDouble(reader.F64());
        var tp = Price.FromDouble(reader.F64());
        var expiration = reader.I64();
        var tif = (BridgeTimeInForce)reader.U8();
        reader.U8();
        reader.U16();
        reader.U32();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        if (!reader.Complete || price is null || stopLimit is null || sl is null || tp is null)
            return null;
        return new ModifyCommand(ticket, id, symbol, price.Value, stopLimit.Value, sl.Value, tp.Value, tif, expiration);
    }
}
