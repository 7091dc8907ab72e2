namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server, the answer to a resend the EA cannot serve: ticks [<see cref="FromSequence"/>,
/// <see cref="NextSequence"/>) fell out of its resend buffer. The loss is then recorded, never silent.
/// </summary>
public readonly record struct TicksLostMessage(ushort SymbolIndex, long FromSequence, long NextSequence) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.TicksLost;
    public int PayloadSize => 24;

    public void Write(ref WireWriter writer)
    {
        writer.U16(SymbolIndex);
        writer.U16(0);
        writer.U32(0);
        writer.I64(FromSequence);
        writer.I64(NextSequence);
    }

    public static TicksLostMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var symbol = reader.U16();
        reader.U16();
        reader.U32();
        var from = reader.I64();
        var next = reader.I64();
        return reader.Complete ? new TicksLostMessage(symbol, from, next) : null;
    }
}
