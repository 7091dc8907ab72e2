using Plan2.Abstractions.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>A sink in front of the recording one that passes everything on; a test's sink overrides what it changes.</summary>
public abstract class ForwardingSink(RecordingSink inner) : IBridgeSink
{
    protected RecordingSink Inner => inner;

    // The interface's default members are declared here, virtual, so that a derived sink can say otherwise: one it
    // redeclared without them here would not implement the interface (the array-reuse test failed on exactly that).
    public virtual bool ReleasesTickArrays => false;
    public virtual ValueTask<long[]?> ResumeAsync(BridgeSession session, CancellationToken ct) => ((IBridgeSink)inner).ResumeAsync(session, ct);
    public virtual ValueTask<long> WhenDurableAsync(BridgeSession session, string symbol, long throughSequence, CancellationToken ct) =>
        ((IBridgeSink)inner).WhenDurableAsync(session, symbol, throughSequence, ct);

    public virtual ValueTask OnTicksAsync(BridgeSession session, TickBatch batch, CancellationToken ct) => inner.OnTicksAsync(session, batch, ct);
    public ValueTask OnConnectedAsync(BridgeSession session, CancellationToken ct) => inner.OnConnectedAsync(session, ct);
    public ValueTask OnTicksLostAsync(BridgeSession session, string symbol, long fromSequence, long count, CancellationToken ct) =>
        inner.OnTicksLostAsync(session, symbol, fromSequence, count, ct);
    public ValueTask OnExecutionReportAsync(BridgeSession session, ExecutionReport report, CancellationToken ct) => inner.OnExecutionReportAsync(session, report, ct);
    public ValueTask OnTradeSnapshotAsync(BridgeSession session, TradeSnapshot snapshot, CancellationToken ct) => inner.OnTradeSnapshotAsync(session, snapshot, ct);
    public ValueTask OnDisconnectedAsync(BridgeSession session, string reason, CancellationToken ct) => inner.OnDisconnectedAsync(session, reason, ct);
}
