using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// One terminal's TCP connection: a pipelined read loop that takes whole frames, checks the header
/// before buffering a payload, and hands decoded messages to the sink one at a time. Every fatal
/// problem ends in <see cref="RunAsync"/>: counted, logged, a REJECT when there is something to say,
/// then a lingering close so that the REJECT is not lost to a reset.
/// </summary>
internal sealed partial class BridgeConnection
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    private readonly BridgeServer _server;
    private readonly BridgeServerOptions _options;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ExecutionReport>> _pendingOrders = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _acceptedAt;
    private BridgeProtocolException? _abort;
    private TerminalState? _terminal;
    private volatile BridgeSession? _session;
    private SymbolLink[] _links = [];
    private byte[] _scratch = [];
    private ulong _receivedFrames;
    private ulong _sentFrames;
    private long _lastReceived;
    private long _lastSent;

    /// <summary>When the first bytes of a frame not yet whole arrived; 0 when none is pending.</summary>
    private long _partialSince;
    private volatile bool _helloReceived;
    private int _inSink;
    private bool _sinkConnected;
    private byte _version = BridgeProtocol.Version;

    public BridgeConnection(BridgeServer server, Socket socket, long id)
    {
        _server = server;
        _options = server.Options;
        _socket = socket;
        Id = id;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
        RemoteAddress = socket.RemoteEndPoint is IPEndPoint ip ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address) : IPAddress.None;
        Counters = new BridgeCounters(server.Totals);
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _writer = PipeWriter.Create(_stream);
        _acceptedAt = _lastReceived = _lastSent = server.Time.GetTimestamp();
        Clock = new TerminalClockWatch(_options.ClockTolerance);
    }

    public long Id { get; }
    public string RemoteEndPoint { get; }

    /// <summary>The peer's address, the unit of the per-address limits.</summary>
    public IPAddress RemoteAddress { get; }
    public BridgeCounters Counters { get; }
    public BridgeSession? Session => _session;
    internal TerminalClockWatch Clock { get; }

    public TerminalClock ClockSnapshot() => Clock.Snapshot(_version);

    /// <summary>Completes when the connection is closed and the sink was told; never faults.</summary>
    public Task Completion => _completion.Task;

    private ILogger Logger => _server.Logger;

    /// <summary>Ends the connection from outside (watchdog, replacement, shutdown); the first reason wins.</summary>
    public void Abort(BridgeFault fault, string message, RejectReason? reject, Exception? cause = null)
    {
        if (Interlocked.CompareExchange(ref _abort, new BridgeProtocolException(fault, message, reject, cause), null) is null)
            _cts.Cancel();
    }

    public async Task RunAsync()
    {
        try
        {
            var (fault, reason) = await ReadUntilEndAsync();
            if (fault is not null)
            {
                Counters.Fault(fault.Fault);
                Logger.Log(fault.Fault == BridgeFault.Internal ? LogLevel.Error : LogLevel.Warning, fault.InnerException,
                    "Bridge connection {ConnectionId} from {Remote} ({Terminal}) closed: {Fault}: {Reason}",
                    Id, RemoteEndPoint, _session?.TerminalId ?? "not authenticated", fault.Fault, fault.Message);
            }
            // Deliveries end first: their last ACKs go out before the close, and nothing writes to a closed socket.
            await DrainAllAsync();
            await CloseAsync(fault?.Reject is { } reject ? new RejectMessage(reject, Trim(fault.Message)) : null);
            await FinishAsync(reason);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task<(BridgeProtocolException? Fault, string Reason)> ReadUntilEndAsync()
    {
        try
        {
            await ReadLoopAsync(_cts.Token);
            return (null, "closed by the terminal");
        }
        catch (BridgeProtocolException ex)
        {
            return (ex, ex.Message);
        }
        catch (OperationCanceledException) when (_abort is not null)
        {
            return (_abort, _abort.Message);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            return (null, $"connection lost: {ex.Message}");
        }
        catch (Exception ex)
        {
            // A bug of ours must not take the server down with it: only this connection ends.
            return (new BridgeProtocolException(BridgeFault.Internal, $"internal error: {ex.Message}", null, ex), "internal error");
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(ct);
            var buffer = result.Buffer;
            try
            {
                // Only whole frames count as life: a peer trickling bytes of a frame it never finishes is not alive.
                while (TryTakeFrame(ref buffer, out var header, out var payload))
                {
                    Volatile.Write(ref _lastReceived, _server.Time.GetTimestamp());
                    Volatile.Write(ref _partialSince, 0);
                    Counters.FrameReceived();
                    await HandleAsync(header, payload, ct);
                }
                if (buffer.IsEmpty)
                    Volatile.Write(ref _partialSince, 0);
                else if (Volatile.Read(ref _partialSince) == 0)
                    Volatile.Write(ref _partialSince, _server.Time.GetTimestamp());
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                        throw new BridgeProtocolException(BridgeFault.Truncated, $"connection closed inside a frame ({buffer.Length} bytes pending)", null);
                    return;
                }
            }
            finally
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
            await FlushControlAsync(ct);
        }
    }

    /// <summary>Takes one whole frame off the buffer; a bad header fails before its payload is awaited.</summary>
    private bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out FrameHeader header, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        header = default;
        if (buffer.Length < BridgeProtocol.HeaderSize)
            return false;
        Span<byte> raw = stackalloc byte[BridgeProtocol.HeaderSize];
        buffer.Slice(0, BridgeProtocol.HeaderSize).CopyTo(raw);
        if (!FrameHeader.TryRead(raw, out header))
            throw new BridgeProtocolException(BridgeFault.BadMagic, "a frame does not start with \"P2\"");
        CheckHeader(header);
        if (buffer.Length - BridgeProtocol.HeaderSize < header.PayloadLength)
            return false;
        payload = buffer.Slice(BridgeProtocol.HeaderSize, header.PayloadLength);
        buffer = buffer.Slice(BridgeProtocol.HeaderSize + header.PayloadLength);
        _receivedFrames = header.Sequence;
        return true;
    }

    private void CheckHeader(FrameHeader header)
    {
        var authenticated = _session is not null;
        // The first frame fixes the connection's version (the EA's), so every answer, a REJECT too, is one it reads.
        if (!authenticated && BridgeProtocol.Speaks(header.Version))
            _version = header.Version;
        if (!authenticated && header.Type != BridgeMessageType.Hello)
            throw new BridgeProtocolException(BridgeFault.HelloRequired, $"{header.Type} before HELLO", RejectReason.HelloRequired);
        if (header.Version != _version)
            throw new BridgeProtocolException(BridgeFault.UnsupportedVersion,
                $"protocol version {header.Version}; this server speaks {BridgeProtocol.MinVersion}..{BridgeProtocol.Version}"
                + (authenticated ? $" and this connection {_version}" : ""), RejectReason.UnsupportedVersion);
        if (!Enum.IsDefined(header.Type))
            throw new BridgeProtocolException(BridgeFault.UnknownType, $"unknown message type {(byte)header.Type}");
        var limit = authenticated ? _options.MaxFramePayloadBytes : _options.MaxHelloBytes;
        if (header.PayloadLength > limit)
            throw new BridgeProtocolException(BridgeFault.FrameTooLarge, $"{header.Type} of {header.PayloadLength} bytes exceeds {limit}",
                authenticated ? RejectReason.ProtocolError : RejectReason.MalformedHello);
        if (header.Sequence != _receivedFrames + 1)
            throw new BridgeProtocolException(BridgeFault.FrameSequence, $"frame sequence {header.Sequence}, expected {_receivedFrames + 1}");
    }

    /// <summary>The payload as one span; copied only when it straddles pipe segments.</summary>
    private ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
            return payload.FirstSpan;
        if (_scratch.Length < payload.Length)
            _scratch = new byte[Math.Max((int)payload.Length, 64 * 1024)];
        payload.CopyTo(_scratch);
        return _scratch.AsSpan(0, (int)payload.Length);
    }

    private static string Trim(string message) => message.Length <= 200 ? message : message[..200];
}
