using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Plan2.MarketData.Bridge;

/// <summary>Everything the server sends: one writer at a time, so that frame sequence numbers follow wire order.</summary>
internal sealed partial class BridgeConnection
{
    private async Task SendAsync<T>(T message, CancellationToken ct) where T : IBridgeMessage
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            Write(message);
            await _writer.FlushAsync(ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Caller holds the write lock.</summary>
    private void Write<T>(in T message) where T : IBridgeMessage
    {
        BridgeFrames.Write(_writer, ++_sentFrames, message, _version);
        Counters.FrameSent();
        Volatile.Write(ref _lastSent, _server.Time.GetTimestamp());
    }

    /// <summary>
    /// After each read, and when a durability wait ends: one ACK per symbol whose durable sequence advanced and any
    /// RESEND_REQUEST that is due, in one flush. Coalescing here keeps acknowledgements to a few per read or commit.
    /// </summary>
    private async ValueTask FlushControlAsync(CancellationToken ct)
    {
        if (!Array.Exists(_links, l => l.ResendDue || l.Cursor.Durable > l.Acked))
            return;
        await _writeLock.WaitAsync(ct);
        try
        {
            for (var i = 0; i < _links.Length; i++)
            {
                var link = _links[i];
                if (link.ResendDue)
                {
                    Write(new ResendRequestMessage((ushort)i, link.Cursor.Next, link.Cursor.LastTimeMs));
                    link.ResendDue = false;
                    link.ResendRequestedAt = _server.Time.GetTimestamp();
                    Counters.ResendRequested();
                }
                if (link.Cursor.Durable > link.Acked)
                {
                    link.Acked = link.Cursor.Durable;
                    Write(new AckMessage((ushort)i, link.Acked));
                }
            }
            await _writer.FlushAsync(ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>From a finished durability wait, off the read loop; a connection that is closing has nobody to tell.</summary>
    private async Task SendAcknowledgementsAsync()
    {
        try
        {
            await FlushControlAsync(_cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The read loop notices a dead connection on its own; the cursor keeps what is durable for the next one.
        }
    }

    /// <summary>From the watchdog: skipped when a send is in progress, which proves liveness anyway.</summary>
    private async Task TrySendHeartbeatAsync()
    {
        if (!_writeLock.Wait(0))
            return;
        try
        {
            Write(new HeartbeatMessage(_server.Time.GetUtcNow().ToUnixTimeMilliseconds()));
            await _writer.FlushAsync(_cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The read loop notices a dead connection on its own; a heartbeat has nothing to add.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends the REJECT if any, half-closes, then drains what the peer still sends for a moment:
    /// closing with unread input makes TCP send a reset that can overtake the REJECT.
    /// </summary>
    private async Task CloseAsync(RejectMessage? reject)
    {
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            if (reject is not null && await _writeLock.WaitAsync(CloseGrace))
            {
                try
                {
                    Write(reject);
                    await _writer.FlushAsync(grace.Token);
                }
                finally
                {
                    _writeLock.Release();
                }
            }
            _socket.Shutdown(SocketShutdown.Send);
            while (true)
            {
                var result = await _reader.ReadAsync(grace.Token);
                _reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Best effort: the peer may be gone or may not read.
        }
        _stream.Dispose();
        await _reader.CompleteAsync();
        await _writer.CompleteAsync();
    }

    private async Task FinishAsync(string reason)
    {
        foreach (var pending in _pendingOrders.Values)
            pending.TrySetException(new IOException($"Terminal connection closed before ORDER_RESULT: {reason}"));
        FailPendingRequests(reason);
        _server.Detach(this, _terminal);
        // Only a session the sink was told about is closed towards it.
        if (_sinkConnected && _session is { } session)
        {
            try
            {
                await _server.Sink.OnDisconnectedAsync(session, reason, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Logger.LogError(ex, "Bridge sink failed on disconnect of connection {ConnectionId}", Id);
            }
            Logger.LogInformation("Bridge terminal {Terminal} disconnected (connection {ConnectionId}): {Reason}", session.TerminalId, Id, reason);
        }
    }
}
