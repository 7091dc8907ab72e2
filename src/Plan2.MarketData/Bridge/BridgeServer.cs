using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The TCP server MT5 terminals dial into (an EA can only be a socket client). It accepts many
/// connections, authenticates each with HELLO, and hands what they send to an <see cref="IBridgeSink"/>;
/// it knows nothing of Orleans. Start with <see cref="StartAsync"/>; the silo hosts it.
/// </summary>
public sealed class BridgeServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, BridgeConnection> _connections = new();
    private readonly Dictionary<string, TerminalState> _terminals = new(StringComparer.Ordinal);
    private readonly byte[] _tokenHash;
    private readonly byte[] _internalTokenHash;
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private ITimer? _watchdog;
    private long _lastConnectionId;

    public BridgeServer(BridgeServerOptions options, IBridgeSink sink, ILogger<BridgeServer> logger, TimeProvider? time = null)
    {
        if (options.Validate() is { Count: > 0 } errors)
            throw new ArgumentException("Invalid bridge options: " + string.Join("; ", errors), nameof(options));
        Options = options;
        Sink = sink;
        Logger = logger;
        Time = time ?? TimeProvider.System;
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.AuthToken));
        _internalTokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(InternalToken));
        Handshakes = new HandshakeRoom(options.MaxHandshakes, options.MaxHandshakesPerAddress);
        Penalty = new AuthPenalty(options.AuthFailureDelay, options.MaxAuthFailureDelay, options.AuthFailureMemory, Time);
    }

    /// <summary>Terminal ids of this prefix are for the platform's own feeds: an outside terminal may not use them.</summary>
    public const string ReservedTerminalPrefix = "plan2-";

    /// <summary>
    /// The secret of the platform's own feeds (replay, benchmarks), drawn per server and never stored or
    /// configured, so only code in this process can present it. A session that did is
    /// <see cref="BridgeSession.IsInternal"/>: its ticks are history already stored, not recorded again.
    /// </summary>
    public string InternalToken { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    internal BridgeServerOptions Options { get; }
    internal IBridgeSink Sink { get; }
    internal ILogger Logger { get; }
    internal TimeProvider Time { get; }
    internal HandshakeRoom Handshakes { get; }
    internal AuthPenalty Penalty { get; }

    /// <summary>Totals over every connection the server has had.</summary>
    public BridgeCounters Totals { get; } = new(parent: null);

    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("The bridge server is not started."));

    public Task StartAsync(CancellationToken ct)
    {
        var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(Options.Host), Options.Port));
        listener.Listen(Options.MaxConnections + Options.MaxHandshakes);
        _listener = listener;
        var shortest = Math.Min(Options.HeartbeatInterval.Ticks, Math.Min(Options.HelloTimeout.Ticks, Options.FrameTimeout.Ticks));
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 10, shortest / 2));
        _watchdog = Time.CreateTimer(_ => Sweep(), null, period, period);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
        Logger.LogInformation("MT5 bridge listening on {EndPoint}", LocalEndPoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _listener?.Dispose();
        if (_watchdog is not null)
            await _watchdog.DisposeAsync();
        await _acceptLoop;
        foreach (var connection in _connections.Values)
            connection.Abort(BridgeFault.Replaced, "the server is stopping", RejectReason.ServerStopping);
        await Task.WhenAll(_connections.Values.Select(c => c.Completion)).WaitAsync(ct);
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    public BridgeHealth GetHealth() => new(Totals.Snapshot(),
        _connections.Values.OrderBy(c => c.Id).Select(c => new BridgeConnectionHealth(c.Id, c.RemoteEndPoint, c.Session?.TerminalId,
            c.Counters.Snapshot(), c.ClockSnapshot(), c.Session?.IsInternal ?? false, c.Session?.Symbols ?? [])).ToList());

    /// <summary>Terminal ids with a welcomed connection now.</summary>
    public IReadOnlyList<string> ConnectedTerminals()
    {
        lock (_terminals)
            return _terminals.Where(t => t.Value.Owner?.Session is not null).Select(t => t.Key).ToList();
    }

    /// <summary>
    /// Sends an ORDER to a connected terminal and waits for its ORDER_RESULT (Accepted or Rejected).
    /// Throws <see cref="TimeoutException"/> after <see cref="BridgeServerOptions.OrderTimeout"/> and
    /// <see cref="IOException"/> when the terminal is or goes away; a late result still reaches the sink.
    /// </summary>
    public Task<ExecutionReport> SendOrderAsync(string terminalId, OrderCommand order, CancellationToken ct)
    {
        if (order.Validate() is { Count: > 0 } errors)
            throw new ArgumentException("Invalid order: " + string.Join("; ", errors), nameof(order));
        return Connected(terminalId).SendOrderAsync(order, ct);
    }

    /// <summary>
    /// Sends CANCEL (protocol v4) and waits for its REQUEST_RESULT; the same exceptions as an order, and
    /// <see cref="TerminalTooOldException"/> (nothing sent) when the terminal's EA speaks an older version.
    /// </summary>
    public Task<RequestResultMessage> SendCancelAsync(string terminalId, CancelCommand cancel, CancellationToken ct)
    {
        if (cancel.OrderTicket == 0)
            throw new ArgumentException("A cancel needs the terminal's order ticket.", nameof(cancel));
        return Connected(terminalId).SendRequestAsync(BridgeRequestAction.Cancel, cancel.ClientOrderId, cancel, ct);
    }

    /// <summary>Sends MODIFY (protocol v4) and waits for its REQUEST_RESULT; as <see cref="SendCancelAsync"/>.</summary>
    public Task<RequestResultMessage> SendModifyAsync(string terminalId, ModifyCommand modify, CancellationToken ct)
    {
        if (modify.Validate() is { Count: > 0 } errors)
            throw new ArgumentException("Invalid modify: " + string.Join("; ", errors), nameof(modify));
        return Connected(terminalId).SendRequestAsync(BridgeRequestAction.Modify, modify.ClientOrderId, modify, ct);
    }

    private BridgeConnection Connected(string terminalId)
    {
        BridgeConnection? connection;
        lock (_terminals)
            connection = _terminals.TryGetValue(terminalId, out var state) ? state.Owner : null;
        return connection?.Session is not null ? connection : throw new TerminalNotConnectedException(terminalId);
    }

    /// <summary>
    /// Asks a connected terminal (protocol v3) for its open orders, positions and deals at or after
    /// <paramref name="sinceMs"/>; the answer reaches the sink as <see cref="IBridgeSink.OnTradeSnapshotAsync"/>.
    /// False when the terminal is not connected or speaks an older version (it cannot answer).
    /// </summary>
    public async Task<bool> RequestSnapshotAsync(string terminalId, long sinceMs, CancellationToken ct)
    {
        BridgeConnection? connection;
        lock (_terminals)
            connection = _terminals.TryGetValue(terminalId, out var state) ? state.Owner : null;
        return connection?.Session is not null && await connection.RequestSnapshotAsync(sinceMs, ct);
    }

    /// <summary>
    /// Which secret a HELLO carries (null: neither). Hash first, then fixed-time compares of both, so
    /// neither content, length nor which token matched leaks through timing.
    /// </summary>
    internal bool? IsInternalToken(string token)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var terminal = CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
        var own = CryptographicOperations.FixedTimeEquals(hash, _internalTokenHash);
        return own ? true : terminal ? false : null;
    }

    /// <summary>
    /// Makes <paramref name="connection"/> the terminal's owner. An older connection of the same
    /// terminal (often half-open after a network drop) is closed and awaited first, so two
    /// connections never advance the same cursors.
    /// </summary>
    internal async Task<TerminalState> AttachAsync(BridgeConnection connection, string terminalId)
    {
        TerminalState? state;
        BridgeConnection? previous;
        lock (_terminals)
        {
            // A terminal that replaces its own older connection takes that one's place.
            if (_terminals.GetValueOrDefault(terminalId)?.Owner is null && _terminals.Values.Count(t => t.Owner is not null) >= Options.MaxConnections)
                throw new BridgeProtocolException(BridgeFault.ServerFull, $"the server already has {Options.MaxConnections} terminals connected",
                    RejectReason.ServerFull);
            if (!_terminals.TryGetValue(terminalId, out state))
                _terminals[terminalId] = state = new TerminalState();
            previous = state.Owner;
            state.Owner = connection;
        }
        Handshakes.Leave(connection);
        if (previous is not null)
        {
            previous.Abort(BridgeFault.Replaced, "replaced by a new connection of the same terminal", RejectReason.Replaced);
            await previous.Completion;
        }
        return state;
    }

    internal void Detach(BridgeConnection connection, TerminalState? state)
    {
        _connections.TryRemove(connection.Id, out _);
        Handshakes.Leave(connection);
        if (state is null)
            return;
        lock (_terminals)
            if (state.Owner == connection)
                state.Owner = null;
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Logger.LogWarning(ex, "Bridge accept failed");
                continue;
            }
            socket.NoDelay = true;
            var connection = new BridgeConnection(this, socket, Interlocked.Increment(ref _lastConnectionId));
            _connections[connection.Id] = connection;
            Handshakes.Enter(connection.RemoteAddress, connection)?.Abort(BridgeFault.HandshakeEvicted,
                "made way for a newer connection: too many connections without HELLO from this address or in all", RejectReason.ServerFull);
            _ = connection.RunAsync();
        }
    }

    private void Sweep()
    {
        foreach (var connection in _connections.Values)
            connection.OnWatchdog();
        Penalty.Forget();
    }
}
