namespace Plan2.MarketData.Bridge;

/// <summary>Server → EA: every tick of the symbol up to and including <see cref="ThroughSequence"/> reached the sink.</summary>
public readonly record struct AckMessage(ushort SymbolIndex, long ThroughSequence) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Ack;
    public int PayloadSize => 16;

    public void Write(ref WireWriter writer)
    {
        writer.U16(SymbolIndex);
        writer.U16(0);
        writer.U32(0);
        writer.I64(ThroughSequence);
    }

    public static AckMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var symbol = reader.U16();
        reader.U16();
        reader.U32();
        var through = reader.I64();
        return reader.Complete ? new AckMessage(symbol, through) : null;
    }
}
