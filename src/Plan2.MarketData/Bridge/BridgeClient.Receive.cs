using System.Net.Sockets;

namespace Plan2.MarketData.Bridge;

/// <summary>What the twin does with server frames, as the EA's OnTimer does after SocketRead.</summary>
public sealed partial class BridgeClient
{
    private const int MaxIncomingPayload = 1 << 20;
    private readonly byte[] _header = new byte[BridgeProtocol.HeaderSize];
    private byte[] _payload = new byte[4096];
    private ulong _receivedFrames;
    private long _resendRequests;
    private long _ticksLostSent;

    private async Task<(FrameHeader Header, ReadOnlyMemory<byte> Payload)> ReadFrameAsync(CancellationToken ct)
    {
        await _stream!.ReadExactlyAsync(_header, ct);
        // REJECT's layout is the same in every version: read it whatever version the server speaks.
        if (!FrameHeader.TryRead(_header, out var header) || (header.Version != _version && header.Type != BridgeMessageType.Reject))
            throw new IOException($"The server sent a frame that is not protocol version {_version}.");
        if (header.PayloadLength > MaxIncomingPayload)
            throw new IOException($"The server sent a {header.PayloadLength}-byte payload.");
        if (header.Sequence != ++_receivedFrames)
            throw new IOException($"Server frame sequence {header.Sequence}, expected {_receivedFrames}.");
        if (_payload.Length < header.PayloadLength)
            _payload = new byte[header.PayloadLength];
        var payload = _payload.AsMemory(0, header.PayloadLength);
        await _stream.ReadExactlyAsync(payload, ct);
        return (header, payload);
    }

    private async Task ReceiveLoopAsync()
    {
        string reason;
        try
        {
            while (true)
            {
                var (header, payload) = await ReadFrameAsync(CancellationToken.None);
                await HandleAsync(header, payload);
            }
        }
        catch (EndOfStreamException)
        {
            reason = LastReject is { } reject ? $"rejected: {reject.Reason}: {reject.Message}" : "closed by the server";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = LastReject is { } reject ? $"rejected: {reject.Reason}: {reject.Message}" : $"connection lost: {ex.Message}";
        }
        catch (Exception ex)
        {
            reason = $"client error: {ex.Message}";
        }
        // The receive loop ending is the connection ending, whichever side noticed first.
        _stream?.Dispose();
        _closed.TrySetResult(reason);
    }

    private async Task HandleAsync(FrameHeader header, ReadOnlyMemory<byte> payload)
    {
        switch (header.Type)
        {
            case BridgeMessageType.Ack:
                var ack = AckMessage.Read(payload.Span) is { } a && a.SymbolIndex < _acked.Length ? a : throw Malformed(header);
                InterlockedMax(ref _acked[ack.SymbolIndex], ack.ThroughSequence);
                if (_options.ReleaseAcknowledged)
                    _history[ack.SymbolIndex].Release(ack.ThroughSequence);
                Interlocked.Exchange(ref _ackSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                break;
            case BridgeMessageType.ResendRequest:
                await ResendAsync(ResendRequestMessage.Read(payload.Span) is { } r && r.SymbolIndex < _history.Length ? r : throw Malformed(header));
                break;
            case BridgeMessageType.Order when _options.TradeServer is { } trade:
                await AnswerOrderAsync(trade, OrderCommand.Read(payload.Span, _version) ?? throw Malformed(header));
                break;
            case BridgeMessageType.Cancel when _version >= BridgeProtocol.TradingVersion:
                await AnswerCancelAsync(_options.TradeServer, CancelCommand.Read(payload.Span) ?? throw Malformed(header));
                break;
            case BridgeMessageType.Modify when _version >= BridgeProtocol.TradingVersion:
                await AnswerModifyAsync(_options.TradeServer, ModifyCommand.Read(payload.Span) ?? throw Malformed(header));
                break;
            case BridgeMessageType.SnapshotRequest when _version >= BridgeProtocol.SnapshotVersion:
                var request = SnapshotRequestMessage.Read(payload.Span) ?? throw Malformed(header);
                await AnswerSnapshotAsync(request);
                break;
            case BridgeMessageType.Order:
                var order = OrderCommand.Read(payload.Span, _version) ?? throw Malformed(header);
                var result = _options.OnOrder?.Invoke(order)
                    ?? new OrderResultMessage(order.ClientOrderId, order.Symbol, Mt5Retcode.Invalid, 0, 0, 0, 0, "no order handler");
                await SendMessageAsync(result, CancellationToken.None);
                break;
            case BridgeMessageType.Reject:
                LastReject = RejectMessage.Read(payload.Span) ?? throw Malformed(header);
                break;
            case BridgeMessageType.Heartbeat:
                break;
            default:
                throw new IOException($"Unexpected {header.Type} from the server.");
        }
    }

    private async Task ResendAsync(ResendRequestMessage request)
    {
        Interlocked.Increment(ref _resendRequests);
        await _sendLock.WaitAsync();
        try
        {
            await ResendFromLockedAsync(request.SymbolIndex, request.FromSequence, CancellationToken.None);
            await FlushLockedAsync(CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// WELCOME's next sequence and RESEND_REQUEST both come here (the EA's RewindTo): rewind, after a
    /// TICKS_LOST for whatever the ring no longer holds.
    /// </summary>
    private async Task ResendFromLockedAsync(int symbolIndex, long fromSequence, CancellationToken ct)
    {
        var history = _history[symbolIndex];
        var first = history.FirstAvailable;
        if (fromSequence < first && fromSequence <= history.LastSequence)
        {
            var lost = new TicksLostMessage((ushort)symbolIndex, fromSequence, first);
            await _stream!.WriteAsync(BridgeFrames.ToArray(++_sentFrames, lost, _version), ct);
            Interlocked.Increment(ref _ticksLostSent);
        }
        RewindLocked(symbolIndex, Math.Max(fromSequence, first));
    }

    private static IOException Malformed(FrameHeader header) => new($"Malformed {header.Type} from the server.");

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
            current = seen;
    }
}
