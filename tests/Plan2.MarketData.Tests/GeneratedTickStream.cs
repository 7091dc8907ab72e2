using System.Text;

namespace Plan2.MarketData.Tests;

/// <summary>A forward-only stream that writes an MT5 tick export as it is read.</summary>
public sealed class GeneratedTickStream(int lines) : Stream
{
    private byte[] _pending = Encoding.ASCII.GetBytes("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n");
    private int _offset;
    private int _line;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _pending.Length)
        {
            if (_line == lines) return 0;
            var t = TimeSpan.FromMilliseconds(_line * 10L);
            var bid = 1.1 + (_line % 100) * 0.00001;
            _pending = Encoding.ASCII.GetBytes(
                $"2024.03.04\t{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}\t{bid:0.00000}\t{bid + 0.0001:0.00000}\t\t\t6\n");
            _offset = 0;
            _line++;
        }
        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
