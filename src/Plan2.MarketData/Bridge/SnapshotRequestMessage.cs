namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA (v3): report open orders, positions and every deal at or after <see cref="SinceMs"/> (UTC Unix ms).
/// Sent after each WELCOME so that what happened while the bridge was down is reconciled.
/// </summary>
public readonly record struct SnapshotRequestMessage(long SinceMs) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.SnapshotRequest;

    public int PayloadSize => 8;

    public void Write(ref WireWriter writer) => writer.I64(SinceMs);

    public static SnapshotRequestMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var since = reader.I64();
        return reader.Complete ? new SnapshotRequestMessage(since) : null;
    }
}
