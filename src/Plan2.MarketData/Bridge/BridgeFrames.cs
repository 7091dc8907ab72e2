using System.Buffers;

namespace Plan2.MarketData.Bridge;

/// <summary>Header plus payload for control messages (the tick path writes its frames by hand).</summary>
public static class BridgeFrames
{
    public static int Size<T>(in T message) where T : IBridgeMessage => BridgeProtocol.HeaderSize + message.PayloadSize;

    /// <summary>Writes one whole frame; generic so that struct messages are not boxed.</summary>
    public static int Write<T>(Span<byte> destination, ulong sequence, in T message, byte version = BridgeProtocol.Version)
        where T : IBridgeMessage
    {
        var size = message.PayloadSize;
        FrameHeader.Write(destination, message.Type, size, sequence, version);
        var writer = new WireWriter(destination.Slice(BridgeProtocol.HeaderSize, size));
        message.Write(ref writer);
        if (writer.Written != size)
            throw new InvalidOperationException($"{message.Type} wrote {writer.Written} bytes, declared {size}.");
        return BridgeProtocol.HeaderSize + size;
    }

    public static void Write<T>(IBufferWriter<byte> output, ulong sequence, in T message, byte version = BridgeProtocol.Version)
        where T : IBridgeMessage
    {
        var size = Size(message);
        output.Advance(Write(output.GetSpan(size), sequence, message, version));
    }

    public static byte[] ToArray<T>(ulong sequence, in T message, byte version = BridgeProtocol.Version) where T : IBridgeMessage
    {
        var frame = new byte[Size(message)];
        Write(frame, sequence, message, version);
        return frame;
    }
}
