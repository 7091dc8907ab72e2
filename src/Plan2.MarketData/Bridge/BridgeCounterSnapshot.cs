namespace Plan2.MarketData.Bridge;

/// <summary>
/// Counters at one moment. Every tick received ends up delivered, duplicate or deferred (deferred
/// ones come again with the resend); <see cref="TicksLost"/> are those the terminal could not resend.
/// </summary>
public sealed record BridgeCounterSnapshot(
    long FramesReceived,
    long FramesSent,
    long TicksReceived,
    long TicksDelivered,
    long DuplicateTicks,
    long DeferredTicks,
    long Gaps,
    long ResendRequests,
    long TicksLost,
    DateTimeOffset? LastGapAt,
    IReadOnlyDictionary<BridgeFault, long> Faults)
{
    public long FaultCount(BridgeFault fault) => Faults.TryGetValue(fault, out var n) ? n : 0;
}
