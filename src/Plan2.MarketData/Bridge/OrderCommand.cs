using Plan2.Core.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA: place one order. Prices and volume travel as doubles because that is what MT5 takes;
/// here they stay exact. A zero stop-loss, take-profit or (market) price means "none". Version 4 adds the
/// time in force, the stop-limit's limit price and a GTD order's expiry (UTC ms); <see cref="Layout"/> is the
/// version the frame is written in (the connection's), so a version 3 EA still gets the layout it reads.
/// </summary>
public sealed record OrderCommand(string ClientOrderId, string Symbol, BridgeOrderSide Side, BridgeOrderType OrderType, decimal Volume,
    Price Price = default, Price StopLoss = default, Price TakeProfit = default, uint DeviationPoints = 10,
    BridgeTimeInForce TimeInForce = BridgeTimeInForce.Gtc, Price StopLimitPrice = default, long ExpirationMs = 0) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Order;

    /// <summary>The protocol version whose ORDER layout is written; not part of the order's meaning.</summary>
    public byte Layout { get; init; } = BridgeProtocol.Version;

    public int PayloadSize => (Layout >= BridgeProtocol.TradingVersion ? 56 : 40) + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Symbol);

    /// <summary>Whether this order uses what only a version 4 EA understands (stop-limit, a time in force other than GTC).</summary>
    public bool NeedsTradingVersion => OrderType == BridgeOrderType.StopLimit || TimeInForce != BridgeTimeInForce.Gtc;

    /// <summary>Every reason this command cannot be sent; empty when it can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Fits(ClientOrderId, BridgeProtocol.MaxOrderIdBytes)) errors.Add($"client order id must be 1..{BridgeProtocol.MaxOrderIdBytes} UTF-8 bytes");
        if (!Fits(Symbol, BridgeProtocol.MaxSymbolBytes)) errors.Add($"symbol must be 1..{BridgeProtocol.MaxSymbolBytes} UTF-8 bytes");
        if (!Enum.IsDefined(Side)) errors.Add("side is not buy or sell");
        if (!Enum.IsDefined(OrderType)) errors.Add("order type is not market, limit, stop or stop-limit");
        if (!Enum.IsDefined(TimeInForce)) errors.Add("time in force is not GTC, DAY, GTD, IOC or FOK");
        if (Volume <= 0) errors.Add("volume must be positive");
        if (OrderType != BridgeOrderType.Market && !Price.IsPositive) errors.Add("a pending order needs a positive price");
        if (OrderType == BridgeOrderType.StopLimit && !StopLimitPrice.IsPositive) errors.Add("a stop-limit order needs a positive limit price");
        if (TimeInForce == BridgeTimeInForce.Gtd && ExpirationMs <= 0) errors.Add("a GTD order needs its expiry");
        // MT5 fills IOC and FOK at once (ORDER_FILLING_*); a pending order waits, so neither applies to one.
        if (TimeInForce is BridgeTimeInForce.Ioc or BridgeTimeInForce.Fok && OrderType != BridgeOrderType.Market)
            errors.Add("IOC and FOK apply to market orders only");
        return errors;
    }

    public void Write(ref WireWriter writer)
    {
        var v4 = Layout >= BridgeProtocol.TradingVersion;
        writer.U8((byte)Side);
        writer.U8((byte)OrderType);
        writer.U8(v4 ? (byte)TimeInForce : (byte)0);
        writer.U8(0);
        writer.U32(DeviationPoints);
        writer.F64((double)Volume);
        writer.F64(Price.ToDouble());
        writer.F64(StopLoss.ToDouble());
        writer.F64(TakeProfit.ToDouble());
        if (v4)
        {
            writer.F64(StopLimitPrice.ToDouble());
            writer.I64(ExpirationMs);
        }
        writer.Str(ClientOrderId);
        writer.Str(Symbol);
    }

    public static OrderCommand? Read(ReadOnlySpan<byte> payload, byte version = BridgeProtocol.Version)
    {
        var v4 = version >= BridgeProtocol.TradingVersion;
        var reader = new WireReader(payload);
        var side = (BridgeOrderSide)reader.U8();
        var type = (BridgeOrderType)reader.U8();
        var tif = v4 ? (BridgeTimeInForce)reader.U8() : BridgeTimeInForce.Gtc;
        if (!v4)
            reader.U8();
        reader.U8();
        var deviation = reader.U32();
        var volume = reader.F64();
        var price = Price.FromDouble(reader.F64());
        var sl = Price.FromDouble(reader.F64());
        var tp = Price.FromDouble(reader.F64());
        var stopLimit = v4 ? Price.FromDouble(reader.F64()) : default(Price);
        var expiration = v4 ? reader.I64() : 0L;
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var symbol = reader.Str(BridgeProtocol.MaxSymbolBytes);
        if (!reader.Complete || price is null || sl is null || tp is null || stopLimit is null || !double.IsFinite(volume))
            return null;
        return new OrderCommand(id, symbol, side, type, Math.Round((decimal)volume, 8), price.Value, sl.Value, tp.Value, deviation,
            tif, stopLimit.Value, expiration) { Layout = version };
    }

    private static bool Fits(string value, int maxBytes) =>
        value.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(value) <= maxBytes;
}
