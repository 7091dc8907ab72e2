namespace Plan2.MarketData.Bridge;

/// <summary>
/// Health counters of one connection, or of the whole server (no parent). Every
/// increment also goes to the parent, so totals survive closed connections. Interlocked: the read
/// loop, the heartbeat timer and order senders all count.
/// </summary>
public sealed class BridgeCounters
{
    private readonly BridgeCounters? _parent;
    private readonly long[] _faults = new long[Enum.GetValues<BridgeFault>().Length];
    private long _framesReceived, _framesSent, _ticksReceived, _ticksDelivered, _duplicateTicks, _deferredTicks;
    private long _gaps, _resendRequests, _ticksLost, _lastGapUnixMs;

    internal BridgeCounters(BridgeCounters? parent = null) => _parent = parent;

    internal void FrameReceived() { Interlocked.Increment(ref _framesReceived); _parent?.FrameReceived(); }
    internal void FrameSent() { Interlocked.Increment(ref _framesSent); _parent?.FrameSent(); }
    internal void TicksReceived(long n) { Interlocked.Add(ref _ticksReceived, n); _parent?.TicksReceived(n); }
    internal void TicksDelivered(long n) { Interlocked.Add(ref _ticksDelivered, n); _parent?.TicksDelivered(n); }
    internal void DuplicateTicks(long n) { Interlocked.Add(ref _duplicateTicks, n); _parent?.DuplicateTicks(n); }

    /// <summary>Ticks beyond an open gap, dropped because the resend will bring them again.</summary>
    internal void DeferredTicks(long n) { Interlocked.Add(ref _deferredTicks, n); _parent?.DeferredTicks(n); }

    internal void ResendRequested() { Interlocked.Increment(ref _resendRequests); _parent?.ResendRequested(); }
    internal void TicksLost(long n) { Interlocked.Add(ref _ticksLost, n); _parent?.TicksLost(n); }
    internal void Fault(BridgeFault fault) { Interlocked.Increment(ref _faults[(int)fault]); _parent?.Fault(fault); }

    internal void Gap(long unixMs)
    {
        Interlocked.Increment(ref _gaps);
        Volatile.Write(ref _lastGapUnixMs, unixMs);
        _parent?.Gap(unixMs);
    }

    public BridgeCounterSnapshot Snapshot()
    {
        var faults = new Dictionary<BridgeFault, long>();
        foreach (var fault in Enum.GetValues<BridgeFault>())
            if (Interlocked.Read(ref _faults[(int)fault]) is var n and > 0)
                faults[fault] = n;
        var lastGap = Interlocked.Read(ref _lastGapUnixMs);
        return new BridgeCounterSnapshot(Interlocked.Read(ref _framesReceived), Interlocked.Read(ref _framesSent),
            Interlocked.Read(ref _ticksReceived), Interlocked.Read(ref _ticksDelivered), Interlocked.Read(ref _duplicateTicks),
            Interlocked.Read(ref _deferredTicks), Interlocked.Read(ref _gaps), Interlocked.Read(ref _resendRequests),
            Interlocked.Read(ref _ticksLost), lastGap == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(lastGap), faults);
    }
}
