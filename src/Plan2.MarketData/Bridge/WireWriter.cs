using System.Buffers.Binary;
using System.Text;

namespace Plan2.MarketData.Bridge;

/// <summary>Writes payload fields little-endian into a span sized beforehand from the message's PayloadSize.</summary>
public ref struct WireWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    private int _position;

    public readonly int Written => _position;

    public static int StrSize(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    public void U8(byte value) => _buffer[_position++] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Advance(2), value);
    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Advance(4), value);
    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Advance(8), value);
    public void I64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Advance(8), value);
    public void F64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Advance(8), value);

    public void Str(string value)
    {
        var length = Encoding.UTF8.GetBytes(value, _buffer[(_position + 2)..]);
        U16(checked((ushort)length));
        _position += length;
    }

    private Span<byte> Advance(int count)
    {
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
