using System.Buffers.Binary;
using System.Text;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// Builds frames byte by byte from PROTOCOL.md, the way the EA packs its uchar arrays, without the
/// server's codec: so the tests pin the documented layout, not merely agree with themselves.
/// </summary>
public sealed class WireBytes
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public WireBytes U8(int v) { _bytes.Add((byte)v); return this; }
    public WireBytes U16(int v) => Put(2, s => BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v));
    public WireBytes U32(long v) => Put(4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v));
    public WireBytes U64(ulong v) => Put(8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, v));
    public WireBytes I64(long v) => Put(8, s => BinaryPrimitives.WriteInt64LittleEndian(s, v));
    public WireBytes F64(double v) => Put(8, s => BinaryPrimitives.WriteDoubleLittleEndian(s, v));
    public WireBytes Raw(ReadOnlySpan<byte> bytes) { _bytes.AddRange(bytes.ToArray()); return this; }

    public WireBytes Str(string v)
    {
        var utf8 = Encoding.UTF8.GetBytes(v);
        U16(utf8.Length);
        _bytes.AddRange(utf8);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Header "P2", version (the newest unless a test plays an older EA), type, payload length, frame sequence; then the payload.</summary>
    public static byte[] Frame(int type, ulong sequence, WireBytes payload, int version = BridgeProtocol.Version) =>
        new WireBytes().U8('P').U8('2').U8(version).U8(type).U32(payload.Length).U64(sequence).Raw(payload.ToArray()).ToArray();

    public static WireBytes Hello(string token, string terminal, ulong session, params string[] symbols)
    {
        var payload = new WireBytes().U64(session).I64(1_700_000_000_000).Str(token).Str(terminal).U16(symbols.Length);
        foreach (var symbol in symbols)
            payload.Str(symbol);
        return payload;
    }

    public static WireBytes Ticks(int symbolIndex, long firstSequence, params (long Time, double Bid, double Ask)[] ticks)
    {
        var payload = new WireBytes().U16(symbolIndex).U16(0).U32(ticks.Length).I64(firstSequence);
        foreach (var (time, bid, ask) in ticks)
            payload.I64(time).F64(bid).F64(ask);
        return payload;
    }

    private WireBytes Put(int size, SpanAction write)
    {
        Span<byte> buffer = stackalloc byte[size];
        write(buffer);
        _bytes.AddRange(buffer.ToArray());
        return this;
    }

    private delegate void SpanAction(Span<byte> span);
}
