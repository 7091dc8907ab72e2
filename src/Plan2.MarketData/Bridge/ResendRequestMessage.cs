namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA: a gap; send the symbol's ticks again from <see cref="FromSequence"/>.
/// <see cref="LastTimeMs"/> is the time of the tick before it (0 if none), for an EA that wants to
/// re-read history with CopyTicks.
/// </summary>
public readonly record struct ResendRequestMessage(ushort SymbolIndex, long FromSequence, long LastTimeMs) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.ResendRequest;
    public int PayloadSize => 24;

    public void Write(ref WireWriter writer)
    {
        writer.U16(SymbolIndex);
        writer.U16(0);
        writer.U32(0);
        writer.I64(FromSequence);
        writer.I64(LastTimeMs);
    }

    public static ResendRequestMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var symbol = reader.U16();
        reader.U16();
        reader.U32();
        var from = reader.I64();
        var last = reader.I64();
        return reader.Complete ? new ResendRequestMessage(symbol, from, last) : null;
    }
}
