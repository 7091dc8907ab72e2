using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Reads a payload field by field. A read past the end, an over-long or invalid UTF-8 string sets
/// <see cref="Ok"/> to false instead of throwing, so a decoder checks once, at the end.
/// </summary>
public ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private bool _failed;

    public readonly bool Ok => !_failed;

    /// <summary>Every field read and nothing left over: a payload with trailing bytes is malformed.</summary>
    public readonly bool Complete => !_failed && _position == _data.Length;

    public byte U8() => Take(1) is { IsEmpty: false } s ? s[0] : (byte)0;
    public ushort U16() => Take(2) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt16LittleEndian(s) : (ushort)0;
    public uint U32() => Take(4) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt32LittleEndian(s) : 0u;
    public ulong U64() => Take(8) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt64LittleEndian(s) : 0ul;
    public long I64() => Take(8) is { IsEmpty: false } s ? BinaryPrimitives.ReadInt64LittleEndian(s) : 0L;
    public double F64() => Take(8) is { IsEmpty: false } s ? BinaryPrimitives.ReadDoubleLittleEndian(s) : 0d;

    /// <summary>A u16 byte length then UTF-8 bytes; fails beyond <paramref name="maxBytes"/>.</summary>
    public string Str(int maxBytes)
    {
        var length = U16();
        if (length > maxBytes)
            _failed = true;
        if (_failed)
            return "";
        var bytes = Take(length);
        if (_failed || !Utf8.IsValid(bytes))
        {
            _failed = true;
            return "";
        }
        return Encoding.UTF8.GetString(bytes);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_failed || _data.Length - _position < count)
        {
            _failed = true;
            return default;
        }
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
