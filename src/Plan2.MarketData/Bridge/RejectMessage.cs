namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA, always the last frame before the server closes. Its layout is frozen across versions
/// so that an EA speaking another version can still read why it was refused.
/// </summary>
public sealed record RejectMessage(RejectReason Reason, string Message, byte ServerVersion = BridgeProtocol.Version) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Reject;

    public int PayloadSize => 2 + 1 + 1 + WireWriter.StrSize(Message);

    public void Write(ref WireWriter writer)
    {
        writer.U16((ushort)Reason);
        writer.U8(ServerVersion);
        writer.U8(0);
        writer.Str(Message);
    }

    public static RejectMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var reason = (RejectReason)reader.U16();
        var serverVersion = reader.U8();
        reader.U8();
        var message = reader.Str(BridgeProtocol.MaxMessageBytes);
        return reader.Complete ? new RejectMessage(reason, message, serverVersion) : null;
    }
}
