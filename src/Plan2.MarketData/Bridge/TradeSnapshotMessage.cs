namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server (v3), the answer to SNAPSHOT_REQUEST: the account's login, its pending orders, its open
/// positions and its deals at or after the request's time, each deal in FILL's layout of the connection's version. <see cref="Truncated"/>:
/// the EA sent only the oldest deals that fit; the server asks again from the last one it applied.
/// </summary>
public sealed record TradeSnapshotMessage(ulong Login, long TerminalUtcMs, long SinceMs, bool Truncated,
    IReadOnlyList<SnapshotOrder> Orders, IReadOnlyList<SnapshotPosition> Positions, IReadOnlyList<FillMessage> Deals) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.TradeSnapshot;

    public int PayloadSize => 32 + Orders.Sum(o => o.Size) + Positions.Sum(p => p.Size) + Deals.Sum(d => d.PayloadSize);

    public void Write(ref WireWriter writer)
    {
        writer.U64(Login);
        writer.I64(TerminalUtcMs);
        writer.I64(SinceMs);
        writer.U16(checked((ushort)Orders.Count));
        writer.U16(checked((ushort)Positions.Count));
        writer.U16(checked((ushort)Deals.Count));
        writer.U16(Truncated ? (ushort)1 : (ushort)0);
        foreach (var order in Orders)
            order.Write(ref writer);
        foreach (var position in Positions)
            position.Write(ref writer);
        foreach (var deal in Deals)
            deal.Write(ref writer);
    }

    public static TradeSnapshotMessage? Read(ReadOnlySpan<byte> payload, byte version = BridgeProtocol.Version)
    {
        var reader = new WireReader(payload);
        var login = reader.U64();
        var utc = reader.I64();
        var since = reader.I64();
        int orderCount = reader.U16(), positionCount = reader.U16(), dealCount = reader.U16();
        var flags = reader.U16();
        var orders = new List<SnapshotOrder>(orderCount);
        for (var i = 0; i < orderCount && reader.Ok; i++)
            orders.Add(SnapshotOrder.Read(ref reader));
        var positions = new List<SnapshotPosition>(positionCount);
        for (var i = 0; i < positionCount && reader.Ok; i++)
            positions.Add(SnapshotPosition.Read(ref reader));
        var deals = new List<FillMessage>(dealCount);
        for (var i = 0; i < dealCount && reader.Ok; i++)
            deals.Add(FillMessage.ReadFrom(ref reader, version));
        return reader.Complete ? new TradeSnapshotMessage(login, utc, since, (flags & 1) != 0, orders, positions, deals) : null;
    }
}
