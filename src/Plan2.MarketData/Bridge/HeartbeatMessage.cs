namespace Plan2.MarketData.Bridge;

/// <summary>Both ways, when a side has sent nothing else for a heartbeat interval. The time is informational.</summary>
public readonly record struct HeartbeatMessage(long SenderTimeMs) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Heartbeat;
    public int PayloadSize => 8;

    public void Write(ref WireWriter writer) => writer.I64(SenderTimeMs);

    public static HeartbeatMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var time = reader.I64();
        return reader.Complete ? new HeartbeatMessage(time) : null;
    }
}
