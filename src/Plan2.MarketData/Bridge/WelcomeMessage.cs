namespace Plan2.MarketData.Bridge;

/// <summary>
/// Server → EA after a good HELLO: the limits the EA must respect and, per HELLO symbol, the next
/// tick sequence the server expects (lower than the EA's own means "resend from there").
/// </summary>
public sealed record WelcomeMessage(int HeartbeatIntervalMs, int HeartbeatTimeoutMs, int MaxTicksPerBatch, int MaxFramePayloadBytes,
    IReadOnlyList<long> NextSequences) : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Welcome;

    public int PayloadSize => 16 + 2 + 8 * NextSequences.Count;

    public void Write(ref WireWriter writer)
    {
        writer.U32((uint)HeartbeatIntervalMs);
        writer.U32((uint)HeartbeatTimeoutMs);
        writer.U32((uint)MaxTicksPerBatch);
        writer.U32((uint)MaxFramePayloadBytes);
        writer.U16(checked((ushort)NextSequences.Count));
        foreach (var next in NextSequences)
            writer.I64(next);
    }

    public static WelcomeMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var interval = reader.U32();
        var timeout = reader.U32();
        var maxTicks = reader.U32();
        var maxFrame = reader.U32();
        var count = reader.U16();
        if (!reader.Ok || interval > int.MaxValue || timeout > int.MaxValue || maxTicks > int.MaxValue || maxFrame > int.MaxValue)
            return null;
        var next = new long[count];
        for (var i = 0; i < count; i++)
            next[i] = reader.I64();
        return reader.Complete ? new WelcomeMessage((int)interval, (int)timeout, (int)maxTicks, (int)maxFrame, next) : null;
    }
}
