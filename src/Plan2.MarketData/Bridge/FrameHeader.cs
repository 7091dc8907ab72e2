using System.Buffers.Binary;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The 16-byte header in front of every frame: magic "P2", version, type, payload length and the
/// sender's frame sequence number (1, 2, 3… per connection and direction).
/// </summary>
public readonly record struct FrameHeader(byte Version, BridgeMessageType Type, int PayloadLength, ulong Sequence)
{
    public static void Write(Span<byte> destination, BridgeMessageType type, int payloadLength, ulong sequence,
        byte version = BridgeProtocol.Version)
    {
        destination[0] = BridgeProtocol.Magic0;
        destination[1] = BridgeProtocol.Magic1;
        destination[2] = version;
        destination[3] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], sequence);
    }

    /// <summary>Reads a header; false when the magic is wrong (the bytes are not a frame of ours).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out FrameHeader header)
    {
        header = default;
        if (source.Length < BridgeProtocol.HeaderSize || source[0] != BridgeProtocol.Magic0 || source[1] != BridgeProtocol.Magic1)
            return false;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        // A length beyond int range can only be hostile; report it as the largest int so limits refuse it.
        header = new FrameHeader(source[2], (BridgeMessageType)source[3], length > int.MaxValue ? int.MaxValue : (int)length,
            BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));
        return true;
    }
}
