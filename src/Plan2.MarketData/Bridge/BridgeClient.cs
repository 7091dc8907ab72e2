using System.Net.Sockets;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The C# twin of Mql5/Plan2Bridge.mq5: the same frames, byte for byte, and the same rules (every
/// tick numbered per symbol and kept in a resend ring; WELCOME and RESEND_REQUEST rewind what was
/// sent; TICKS_LOST when the ring no longer holds what is asked). Tests drive the server with it and
/// the throughput benchmark reuses it. <see cref="Append"/> from one thread.
/// </summary>
public sealed partial class BridgeClient : IAsyncDisposable
{
    private readonly BridgeClientOptions _options;
    private readonly TickHistory[] _history;
    private readonly long[] _sent;
    private readonly long[] _resendUpTo;
    private readonly long[] _acked;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private byte[] _sendBuffer = new byte[256 * 1024];
    private Socket? _socket;
    private NetworkStream? _stream;
    private ITimer? _heartbeat;
    private Task _receiveLoop = Task.CompletedTask;
    private TaskCompletionSource<string> _closed = NewClosed();
    private TaskCompletionSource _ackSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _sentFrames;
    private long _lastSent;
    private int _maxBatch;
    private byte _version;

    public BridgeClient(BridgeClientOptions options)
    {
        _options = options;
        _history = options.Symbols.Select(_ => new TickHistory(options.HistoryCapacity)).ToArray();
        _sent = new long[_history.Length];
        _resendUpTo = new long[_history.Length];
        _acked = new long[_history.Length];
        _version = options.ProtocolVersion;
    }

    public WelcomeMessage? Welcome { get; private set; }
    public RejectMessage? LastReject { get; private set; }
    public long ResendRequestsReceived => Interlocked.Read(ref _resendRequests);
    public long TicksLostSent => Interlocked.Read(ref _ticksLostSent);

    /// <summary>The protocol version of the next connection (lowered after an older server refused ours).</summary>
    public byte ProtocolVersion => _version;

    /// <summary>Frames sent on the current connection; the next one carries FramesSent + 1.</summary>
    public ulong FramesSent => _sentFrames;

    /// <summary>Completes with a reason when the current connection ends.</summary>
    public Task<string> Closed => _closed.Task;

    public TickHistory History(int symbolIndex) => _history[symbolIndex];
    public long AckedThrough(int symbolIndex) => Interlocked.Read(ref _acked[symbolIndex]);

    /// <summary>HELLO, then WELCOME (applied like a resend request per symbol) or a <see cref="BridgeRejectedException"/>.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        // A reconnect after the server dropped us: end what is left of the old connection first.
        if (_socket is not null)
            await DisconnectAsync();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendBufferSize = 1 << 20 };
        await socket.ConnectAsync(_options.Host, _options.Port, ct);
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _sentFrames = 0;
        _receivedFrames = 0;
        _closed = NewClosed();
        var hello = new HelloMessage(_options.SessionId, _options.Time.GetUtcNow().ToUnixTimeMilliseconds(), _options.Token,
            _options.TerminalId, _options.Symbols);
        await SendMessageAsync(hello, ct);

        var (header, payload) = await ReadFrameAsync(ct);
        if (header.Type == BridgeMessageType.Reject && RejectMessage.Read(payload.Span) is { } reject)
        {
            LastReject = reject;
            // An older server: speak its version on the next attempt (no CLOCK; times are UTC all the same).
            if (reject.Reason == RejectReason.UnsupportedVersion && BridgeProtocol.Speaks(reject.ServerVersion) && reject.ServerVersion < _version)
                _version = reject.ServerVersion;
            await DisconnectAsync();
            throw new BridgeRejectedException(reject);
        }
        var welcome = header.Type == BridgeMessageType.Welcome ? WelcomeMessage.Read(payload.Span) : null;
        if (welcome is null || welcome.NextSequences.Count != _history.Length)
        {
            await DisconnectAsync();
            throw new IOException($"Expected WELCOME for {_history.Length} symbols, got {header.Type}.");
        }
        Welcome = welcome;
        MeasureBrokerOffset();
        _clockDue = true;
        _maxBatch = Math.Max(1, Math.Min(_options.MaxTicksPerBatch, welcome.MaxTicksPerBatch));
        await _sendLock.WaitAsync(ct);
        try
        {
            for (var i = 0; i < _history.Length; i++)
                await ResendFromLockedAsync(i, welcome.NextSequences[i], ct);
            await SendQueuedFillsLockedAsync(ct);
            await FlushLockedAsync(ct);
        }
        finally
        {
            _sendLock.Release();
        }
        _receiveLoop = ReceiveLoopAsync();
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, welcome.HeartbeatIntervalMs));
        if (_options.SendHeartbeats)
            _heartbeat = _options.Time.CreateTimer(_ => _ = HeartbeatAsync(interval), null, interval / 2, interval / 2);
    }

    /// <summary>
    /// Numbers a tick stamped on the trade server's clock (MqlTick.time_msc), converts it to UTC and keeps
    /// it for resends; nothing is sent until <see cref="FlushAsync"/>.
    /// </summary>
    public long Append(int symbolIndex, long serverTimeMs, double bid, double ask)
    {
        if (_options.TradeServerClock is not null)
            MeasureBrokerOffset();
        return _history[symbolIndex].Append(serverTimeMs - _brokerOffsetMs, bid, ask);
    }

    /// <summary>Sends every tick not yet sent, in TICKS frames of at most the batch size, in as few writes as fit the buffer.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await FlushLockedAsync(ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Marks the next <paramref name="count"/> unsent ticks as sent without sending them: a frame lost on the way.</summary>
    public void SkipUnsent(int symbolIndex, long count)
    {
        _sendLock.Wait();
        try
        {
            _sent[symbolIndex] = Math.Min(_sent[symbolIndex] + count, _history[symbolIndex].LastSequence);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends again from <paramref name="fromSequence"/> on the next flush (duplicates for the server to drop).</summary>
    public void Rewind(int symbolIndex, long fromSequence)
    {
        _sendLock.Wait();
        try
        {
            RewindLocked(symbolIndex, fromSequence);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Bytes exactly as given, for hostile-input tests; frame numbering is the caller's business.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _stream!.WriteAsync(bytes, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits until the server acknowledged the symbol through <paramref name="sequence"/>; throws if the connection ends first.</summary>
    public async Task WaitForAckAsync(int symbolIndex, long sequence, CancellationToken ct)
    {
        while (true)
        {
            var signal = Volatile.Read(ref _ackSignal).Task;
            if (AckedThrough(symbolIndex) >= sequence)
                return;
            if (await Task.WhenAny(signal, Closed).WaitAsync(ct) == Closed)
                throw new IOException($"Connection closed before ACK {sequence}: {await Closed}");
        }
    }

    public async Task DisconnectAsync()
    {
        if (_heartbeat is not null)
            await _heartbeat.DisposeAsync();
        _heartbeat = null;
        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the server.
        }
        _stream?.Dispose();
        await _receiveLoop;
        _closed.TrySetResult("closed by the client");
    }

    public ValueTask DisposeAsync() => new(DisconnectAsync());

    private void RewindLocked(int symbolIndex, long fromSequence)
    {
        var history = _history[symbolIndex];
        var from = Math.Clamp(fromSequence, 1, history.LastSequence + 1);
        _resendUpTo[symbolIndex] = Math.Max(_resendUpTo[symbolIndex], _sent[symbolIndex]);
        _sent[symbolIndex] = from - 1;
    }

    private static TaskCompletionSource<string> NewClosed() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
