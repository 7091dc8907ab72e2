using System.Buffers.Binary;
using System.Net.Sockets;

namespace Plan2.MarketData.Bridge;

/// <summary>What the twin sends, as the EA's SendPendingTicks and frame builders do.</summary>
public sealed partial class BridgeClient
{
    private async Task FlushLockedAsync(CancellationToken ct)
    {
        var used = 0;
        if (_clockDue && _version >= BridgeProtocol.ClockVersion)
            used = BridgeFrames.Write(_sendBuffer, ++_sentFrames, ClockNow(), _version);
        _clockDue = false;
        for (var i = 0; i < _history.Length; i++)
        {
            var history = _history[i];
            while (_sent[i] < history.LastSequence)
            {
                // Ticks the ring overwrote before they were sent are skipped: the server's gap
                // detection then asks for them and hears TICKS_LOST, so the loss is on record.
                var from = Math.Max(_sent[i] + 1, history.FirstAvailable);
                var count = (int)Math.Min(_maxBatch, history.LastSequence - from + 1);
                var size = BridgeProtocol.HeaderSize + BridgeProtocol.TicksPayloadSize(count);
                if (used + size > _sendBuffer.Length)
                {
                    await WriteLockedAsync(used, ct);
                    used = 0;
                    if (size > _sendBuffer.Length)
                        _sendBuffer = new byte[size];
                }
                used += EncodeTicks(_sendBuffer.AsSpan(used, size), i, from, count);
                _sent[i] = from + count - 1;
            }
        }
        if (used > 0)
            await WriteLockedAsync(used, ct);
    }

    /// <summary>TICKS: symbol index u16, flags u16 (bit 0 = resent), count u32, first sequence i64, then the records.</summary>
    private int EncodeTicks(Span<byte> frame, int symbolIndex, long from, int count)
    {
        var payloadSize = BridgeProtocol.TicksPayloadSize(count);
        FrameHeader.Write(frame, BridgeMessageType.Ticks, payloadSize, ++_sentFrames, _version);
        var preamble = frame[BridgeProtocol.HeaderSize..];
        BinaryPrimitives.WriteUInt16LittleEndian(preamble, (ushort)symbolIndex);
        BinaryPrimitives.WriteUInt16LittleEndian(preamble[2..], (ushort)(from <= _resendUpTo[symbolIndex] ? 1 : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[4..], (uint)count);
        BinaryPrimitives.WriteInt64LittleEndian(preamble[8..], from);
        _history[symbolIndex].WriteRecords(preamble[BridgeProtocol.TicksPreambleSize..], from, count);
        return BridgeProtocol.HeaderSize + payloadSize;
    }

    private async Task WriteLockedAsync(int length, CancellationToken ct)
    {
        await _stream!.WriteAsync(_sendBuffer.AsMemory(0, length), ct);
        Volatile.Write(ref _lastSent, _options.Time.GetTimestamp());
    }

    private async Task SendMessageAsync<T>(T message, CancellationToken ct) where T : IBridgeMessage
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _stream!.WriteAsync(Frame(message), ct);
            Volatile.Write(ref _lastSent, _options.Time.GetTimestamp());
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next frame in this connection's version; FILL and ORDER are written in that version's layout.</summary>
    private byte[] Frame(IBridgeMessage message) => message switch
    {
        FillMessage fill => BridgeFrames.ToArray(++_sentFrames, fill with { Layout = _version }, _version),
        OrderCommand order => BridgeFrames.ToArray(++_sentFrames, order with { Layout = _version }, _version),
        _ => BridgeFrames.ToArray(++_sentFrames, message, _version),
    };

    private async Task HeartbeatAsync(TimeSpan interval)
    {
        if (_options.Time.GetElapsedTime(Volatile.Read(ref _lastSent)) < interval || !await _sendLock.WaitAsync(0))
            return;
        try
        {
            var frame = BridgeFrames.ToArray(++_sentFrames, new HeartbeatMessage(_options.Time.GetUtcNow().ToUnixTimeMilliseconds()), _version);
            await _stream!.WriteAsync(frame);
            Volatile.Write(ref _lastSent, _options.Time.GetTimestamp());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The receive loop reports the closed connection.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
