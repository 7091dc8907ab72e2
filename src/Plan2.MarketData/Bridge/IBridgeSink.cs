using Plan2.Abstractions.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Where the bridge server delivers what terminals send; implemented over Orleans grains elsewhere.
/// Tick batches are delivered per symbol off the read loop: one <see cref="OnTicksAsync"/> per symbol at a time, in
/// sequence order, while the connection reads on and other symbols are delivered concurrently; what is queued is bounded
/// (<see cref="BridgeServerOptions.MaxQueuedTicks"/>), beyond it the connection stops reading, so a slow sink slows that
/// terminal down through TCP (backpressure) and never makes the server buffer without bound. Every other call is
/// awaited before the connection reads its next frame. A sink that throws closes that connection; undelivered
/// ticks are then resent by the terminal when it reconnects.
/// </summary>
public interface IBridgeSink
{
    /// <summary>
    /// Before WELCOME: per symbol of the session (in HELLO order), the last sequence the sink holds durably, so that the
    /// terminal resends from the first it does not (after a restart of the platform too). Null: the sink keeps nothing
    /// durable, and the server's own memory of the session decides. The default is null.
    /// </summary>
    ValueTask<long[]?> ResumeAsync(BridgeSession session, CancellationToken ct) => ValueTask.FromResult<long[]?>(null);

    /// <summary>
    /// Completes once the ticks of <paramref name="symbol"/> through <paramref name="throughSequence"/>, all delivered by
    /// <see cref="OnTicksAsync"/>, are durable, with how far they are (at least that far). Less means delivered ticks were
    /// lost on the sink's side: the server then closes the connection so that the terminal resends from what is durable.
    /// The server acknowledges ticks to the terminal only through what this reports. The default: delivered is durable.
    /// </summary>
    ValueTask<long> WhenDurableAsync(BridgeSession session, string symbol, long throughSequence, CancellationToken ct) =>
        ValueTask.FromResult(throughSequence);

    /// <summary>A terminal passed HELLO and was sent WELCOME.</summary>
    ValueTask OnConnectedAsync(BridgeSession session, CancellationToken ct);

    /// <summary>
    /// New ticks of one symbol in sequence order: the batch's ticks have sequences FirstSequence,
    /// FirstSequence + 1, …, each delivered exactly once per terminal session. The arrays are the
    /// sink's to keep, unless it says otherwise (<see cref="ReleasesTickArrays"/>).
    /// </summary>
    ValueTask OnTicksAsync(BridgeSession session, TickBatch batch, CancellationToken ct);

    /// <summary>
    /// True when the sink holds nothing of a batch's arrays once its <see cref="OnTicksAsync"/> has completed
    /// successfully (it copies what it keeps): the server then reuses them for a later batch. The default is false.
    /// </summary>
    bool ReleasesTickArrays => false;

    /// <summary>The terminal can no longer send ticks [fromSequence, fromSequence + count): a recorded loss.</summary>
    ValueTask OnTicksLostAsync(BridgeSession session, string symbol, long fromSequence, long count, CancellationToken ct);

    /// <summary>An order was accepted or rejected by the terminal, or filled.</summary>
    ValueTask OnExecutionReportAsync(BridgeSession session, ExecutionReport report, CancellationToken ct);

    /// <summary>The terminal's answer to a SNAPSHOT_REQUEST (v3): what it holds, for reconciliation.</summary>
    ValueTask OnTradeSnapshotAsync(BridgeSession session, TradeSnapshot snapshot, CancellationToken ct);

    /// <summary>An authenticated connection ended; <paramref name="reason"/> is for people, not for code.</summary>
    ValueTask OnDisconnectedAsync(BridgeSession session, string reason, CancellationToken ct);
}
