using Plan2.Core.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA: place one order. Prices and volume travel as doubles because that is what MT5 takes;
/// here they stay exact. A zero stop-loss, take-profit or (market) price means "none".
/// </summary>
public sealed record OrderCommand(string ClientOrderId, string Symbol, BridgeOrderSide Side, BridgeOrderType OrderType, decimal Volume,
    Price Price = default, Price StopLoss = default, Price TakeProfit = default, uint DeviationPoints = 10) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Order;

    public int PayloadSize => 40 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

    /// <summary>Every reason this command cannot be sent; empty when it can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Fits(ClientOrderId, BridgeProtocol.MaxOrderIdBytes)) errors.Add($"client order id must be 1..{BridgeProtocol.MaxOrderIdBytes} UTF-8 bytes");
        if (!Fits(Symbol, BridgeProtocol.MaxSymbolBytes)) errors.Add($"symbol must be 1..{BridgeProtocol.MaxSymbolBytes} UTF-8 bytes");
        if (!Enum.IsDefined(Side)) errors.Add("side is not buy or sell");
        if (!Enum.IsDefined(OrderType)) errors.Add("order type is not market, limit or stop");
        if (Volume <= 0) errors.Add("volume must be positive");
        if (OrderType != BridgeOrderType.Market && !Price.IsPositive) errors.Add("a pending order needs a positive price");
        return errors;
    }

    public void Write(ref WireWriter writer)
    {
        writer.U8((byte)Side);
        writer.U8((byte)OrderType);
        writer.U16(0);
        writer.U32(DeviationPoints);
        writer.F64((double)Volume);
        writer.F64(Price.ToDouble());
        writer.F64(StopLoss.ToDouble());
        writer.F64(TakeProfit.ToDouble());
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static OrderCommand? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var side = (BridgeOrderSide)reader.U8();
        var type = (BridgeOrderType)reader.U8();
        reader.U16();
        var deviation = reader.U32();
        var volume = reader.F64();
        var price = Price.FromDouble(reader.F64());
        var sl = Price.FromDouble(reader.F64());
        var tp = Price.FromDouble(reader.F64());
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        if (!reader.Complete || price is null || sl is null || tp is null || !double.IsFinite(volume))
            return null;
        return new OrderCommand(id, symbol, side, type, Math.Round((decimal)volume, 8), price.Value, sl.Value, tp.Value, deviation);
    }

    private static bool Fits(string value, int maxBytes) =>
        value.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(value) <= maxBytes;
}
