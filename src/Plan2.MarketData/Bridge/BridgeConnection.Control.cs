using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Plan2.MarketData.Bridge;

/// <summary>Handshake, snapshots, the watchdog and the one way the sink is called (orders and their reports: BridgeConnection.Trading.cs).</summary>
internal sealed partial class BridgeConnection
{
    private ValueTask HandleAsync(FrameHeader header, ReadOnlySequence<byte> payload, CancellationToken ct) => header.Type switch
    {
        BridgeMessageType.Ticks => HandleTicksAsync(payload, ct),
        // Any count the frame can hold decodes; too many symbols is then refused by name, not as "malformed".
        BridgeMessageType.Hello when _session is null => HandleHelloAsync(Decode(HelloMessage.Read(Contiguous(payload), ushort.MaxValue),
            header.Type, RejectReason.MalformedHello), ct),
        BridgeMessageType.Heartbeat => NoteTerminalTime(Decode(HeartbeatMessage.Read(Contiguous(payload)), header.Type).SenderTimeMs),
        BridgeMessageType.Clock when _version >= BridgeProtocol.ClockVersion => HandleClock(Decode(ClockMessage.Read(Contiguous(payload)), header.Type)),
        BridgeMessageType.TicksLost => HandleTicksLostAsync(Decode(TicksLostMessage.Read(Contiguous(payload)), header.Type), ct),
        BridgeMessageType.OrderResult => HandleOrderResultAsync(Decode(OrderResultMessage.Read(Contiguous(payload)), header.Type), ct),
        BridgeMessageType.Fill => HandleFillAsync(Decode(FillMessage.Read(Contiguous(payload), _version), header.Type), ct),
        BridgeMessageType.TradeSnapshot when _version >= BridgeProtocol.SnapshotVersion =>
            HandleSnapshotAsync(Decode(TradeSnapshotMessage.Read(Contiguous(payload), _version), header.Type), ct),
        BridgeMessageType.RequestResult when _version >= BridgeProtocol.TradingVersion =>
            HandleRequestResult(Decode(RequestResultMessage.Read(Contiguous(payload)), header.Type)),
        BridgeMessageType.OrderEvent when _version >= BridgeProtocol.TradingVersion =>
            HandleOrderEventAsync(Decode(OrderEventMessage.Read(Contiguous(payload)), header.Type), ct),
        _ => throw new BridgeProtocolException(BridgeFault.UnexpectedType, $"{header.Type} is not sent by a terminal at this point"),
    };

    private static T Decode<T>(T? message, BridgeMessageType type, RejectReason reject = RejectReason.ProtocolError) where T : class =>
        message ?? throw new BridgeProtocolException(BridgeFault.Malformed, $"{type} payload is malformed", reject);

    private static T Decode<T>(T? message, BridgeMessageType type) where T : struct =>
        message ?? throw new BridgeProtocolException(BridgeFault.Malformed, $"{type} payload is malformed");

    /// <summary>HELLO, HEARTBEAT and CLOCK carry the terminal's UTC: a terminal whose own clock is wrong converts wrongly.</summary>
    private ValueTask NoteTerminalTime(long terminalUtcMs)
    {
        Clock.TerminalTime(terminalUtcMs, _server.Time.GetUtcNow().ToUnixTimeMilliseconds());
        return ValueTask.CompletedTask;
    }

    private ValueTask HandleClock(ClockMessage clock)
    {
        if (Clock.BrokerOffset(clock.BrokerOffsetMs))
            Logger.LogInformation("Bridge {Terminal}: trade server clock at {Offset}; the EA sends its times converted to UTC",
                _session?.TerminalId, TerminalClock.FormatOffset(TerminalClockWatch.Span(clock.BrokerOffsetMs)));
        return NoteTerminalTime(clock.TerminalUtcMs);
    }

    private async ValueTask HandleHelloAsync(HelloMessage hello, CancellationToken ct)
    {
        // The HELLO is in: from here the handshake's time is ours (a guesser's penalty, a replaced connection's close).
        _helloReceived = true;
        if (_server.Penalty.DelayFor(RemoteAddress) is { Ticks: > 0 } delay)
            await Task.Delay(delay, _server.Time, ct);
        if (_server.IsInternalToken(hello.Token) is not { } isInternal)
        {
            _server.Penalty.Failed(RemoteAddress);
            throw new BridgeProtocolException(BridgeFault.AuthFailed, "authentication failed", RejectReason.AuthFailed);
        }
        if (!isInternal && hello.TerminalId.StartsWith(BridgeServer.ReservedTerminalPrefix, StringComparison.OrdinalIgnoreCase))
            throw new BridgeProtocolException(BridgeFault.ReservedTerminalId,
                $"terminal ids starting with '{BridgeServer.ReservedTerminalPrefix}' are the platform's own feeds; pick another", RejectReason.AuthFailed);
        if (hello.SessionId == 0 || hello.TerminalId.Length == 0)
            throw new BridgeProtocolException(BridgeFault.Malformed, "HELLO needs a session id and a terminal id", RejectReason.MalformedHello);
        if (SymbolProblem(hello.Symbols, _options.MaxSymbols) is { } problem)
            throw new BridgeProtocolException(BridgeFault.BadSymbols, problem, RejectReason.BadSymbols);

        await NoteTerminalTime(hello.ClientTimeMs);
        _terminal = await _server.AttachAsync(this, hello.TerminalId);
        var session = new BridgeSession(Id, hello.TerminalId, hello.SessionId, RemoteEndPoint, hello.Symbols, isInternal);
        var cursors = _terminal.Bind(hello.SessionId, hello.Symbols);
        await ResumeAsync(session, cursors, ct);
        _links = Array.ConvertAll(cursors, c => new SymbolLink(c));
        var welcome = new WelcomeMessage((int)_options.HeartbeatInterval.TotalMilliseconds, (int)_options.HeartbeatTimeout.TotalMilliseconds,
            _options.MaxTicksPerBatch, _options.MaxFramePayloadBytes, Array.ConvertAll(_links, l => l.Cursor.Next));
        // Set before WELCOME: a terminal that has its WELCOME can be sent orders at once. Its frames are
        // read only after this handler returns, so the sink still hears OnConnected first.
        _session = session;
        await SendAsync(welcome, ct);
        Logger.LogInformation("Bridge terminal {Terminal} connected from {Remote} (connection {ConnectionId}, {Symbols} symbols)",
            hello.TerminalId, RemoteEndPoint, Id, hello.Symbols.Count);
        _sinkConnected = true;
        await CallSinkAsync(static (sink, s, _, ct) => sink.OnConnectedAsync(s, ct), 0, ct);
    }

    /// <summary>
    /// WELCOME's next sequences start after what is durable: what the sink holds (its store outlives this process) or,
    /// when it keeps nothing, what this server saw acknowledged. Delivered but not yet durable is sent again.
    /// </summary>
    private async ValueTask ResumeAsync(BridgeSession session, SymbolCursor[] cursors, CancellationToken ct)
    {
        long[]? durable;
        try
        {
            durable = await _server.Sink.ResumeAsync(session, ct);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            throw new BridgeProtocolException(BridgeFault.SinkFailed, $"sink failed: {ex.Message}", RejectReason.ServerStopping, ex);
        }
        if (durable is not null && durable.Length != cursors.Length)
            throw new BridgeProtocolException(BridgeFault.Internal, $"the sink resumed {durable.Length} of {cursors.Length} symbols", null);
        for (var i = 0; i < cursors.Length; i++)
        {
            if (durable is not null)
                cursors[i].RaiseDurable(durable[i]);
            cursors[i].ResumeFromDurable();
        }
    }

    private static string? SymbolProblem(IReadOnlyList<string> symbols, int maxSymbols)
    {
        if (symbols.Count == 0 || symbols.Count > maxSymbols)
            return $"HELLO lists {symbols.Count} symbols; 1..{maxSymbols} allowed";
        if (symbols.Any(s => s.Length == 0 || s.Any(char.IsControl)))
            return "a symbol is empty or has control characters";
        return symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Count ? "a symbol is listed twice" : null;
    }

    private async ValueTask HandleSnapshotAsync(TradeSnapshotMessage message, CancellationToken ct)
    {
        if (TradeSnapshot.From(_session!.TerminalId, message) is not { } snapshot)
        {
            DropInvalidReport("(trade snapshot)");
            return;
        }
        await CallSinkAsync(static (sink, s, t, ct) => sink.OnTradeSnapshotAsync(s, t, ct), snapshot, ct);
    }

    /// <summary>False when this connection's protocol has no snapshots (an older EA) or it is closing.</summary>
    public async Task<bool> RequestSnapshotAsync(long sinceMs, CancellationToken ct)
    {
        if (_version < BridgeProtocol.SnapshotVersion)
            return false;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _cts.Token);
            await SendAsync(new SnapshotRequestMessage(sinceMs), linked.Token);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException or IOException
            && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private void DropInvalidReport(string clientOrderId)
    {
        Counters.Fault(BridgeFault.InvalidReport);
        Logger.LogWarning("Bridge {Terminal}: report for order {ClientOrderId} dropped: non-finite price or volume, or unknown side",
            _session?.TerminalId, clientOrderId);
    }

    /// <summary>Called by the server's timer: hello and heartbeat timeouts, and our own heartbeats.</summary>
    public void OnWatchdog()
    {
        var time = _server.Time;
        if (_session is null)
        {
            if (!_helloReceived && time.GetElapsedTime(_acceptedAt) > _options.HelloTimeout)
                Abort(BridgeFault.HelloTimeout, $"no HELLO within {_options.HelloTimeout}", RejectReason.Timeout);
            return;
        }
        if (Volatile.Read(ref _inSink) == 0 && Volatile.Read(ref _partialSince) is not 0 and var since
            && time.GetElapsedTime(since) > _options.FrameTimeout)
        {
            Abort(BridgeFault.FrameTimeout, $"a frame was started and not finished within {_options.FrameTimeout}", RejectReason.Timeout);
            return;
        }
        // While the sink holds us we are not reading, so the silence is ours, not the terminal's.
        if (Volatile.Read(ref _inSink) == 0 && time.GetElapsedTime(Volatile.Read(ref _lastReceived)) > _options.HeartbeatTimeout)
        {
            Abort(BridgeFault.HeartbeatTimeout, $"nothing received for {_options.HeartbeatTimeout}", RejectReason.Timeout);
            return;
        }
        if (time.GetElapsedTime(Volatile.Read(ref _lastSent)) >= _options.HeartbeatInterval)
            _ = TrySendHeartbeatAsync();
    }

    /// <summary>
    /// Every sink call goes through here: marks the connection busy for the watchdog and turns a
    /// sink failure into a closed connection (a cancelled call during close is not a failure).
    /// </summary>
    private async ValueTask CallSinkAsync<TState>(Func<IBridgeSink, BridgeSession, TState, CancellationToken, ValueTask> call, TState state,
        CancellationToken ct)
    {
        Volatile.Write(ref _inSink, 1);
        try
        {
            await call(_server.Sink, _session!, state, ct);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            throw new BridgeProtocolException(BridgeFault.SinkFailed, $"sink failed: {ex.Message}", null, ex);
        }
        finally
        {
            Volatile.Write(ref _inSink, 0);
            Volatile.Write(ref _lastReceived, _server.Time.GetTimestamp());
        }
    }
}
