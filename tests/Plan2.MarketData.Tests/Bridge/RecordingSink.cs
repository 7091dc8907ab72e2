using Plan2.Abstractions.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>Keeps everything the server delivers, and lets a test wait for a condition on it instead of sleeping.</summary>
public sealed class RecordingSink : IBridgeSink
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly object _gate = new();
    private readonly List<BridgeSession> _connected = [];
    private readonly List<(BridgeSession Session, TickBatch Batch)> _batches = [];
    private readonly List<(string Symbol, long From, long Count)> _lost = [];
    private readonly List<ExecutionReport> _reports = [];
    private readonly List<TradeSnapshot> _snapshots = [];
    private readonly List<string> _disconnected = [];
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<BridgeSession> Connected { get { lock (_gate) return _connected.ToList(); } }
    public IReadOnlyList<(string Symbol, long From, long Count)> Lost { get { lock (_gate) return _lost.ToList(); } }
    public IReadOnlyList<ExecutionReport> Reports { get { lock (_gate) return _reports.ToList(); } }
    public IReadOnlyList<TradeSnapshot> Snapshots { get { lock (_gate) return _snapshots.ToList(); } }
    public IReadOnlyList<string> Disconnected { get { lock (_gate) return _disconnected.ToList(); } }
    public int BatchCount { get { lock (_gate) return _batches.Count; } }

    /// <summary>Every delivered tick of a symbol with its sequence, in delivery order.</summary>
    public IReadOnlyList<SentTick> Ticks(string symbol) => Ticks(_ => true, symbol);

    /// <summary>Every delivered tick of a symbol from one terminal (a test with many terminals sharing symbol names).</summary>
    public IReadOnlyList<SentTick> Ticks(string terminal, string symbol) => Ticks(s => s.TerminalId == terminal, symbol);

    private List<SentTick> Ticks(Func<BridgeSession, bool> from, string symbol)
    {
        lock (_gate)
            return _batches.Where(b => b.Batch.Symbol == symbol && from(b.Session))
                .SelectMany(b => b.Batch.TimesUnixMs.Select((t, i) => new SentTick(b.Batch.FirstSequence + i, t, b.Batch.Bids[i], b.Batch.Asks[i])))
                .ToList();
    }

    public bool IsEmpty
    {
        get { lock (_gate) return _connected.Count + _batches.Count + _lost.Count + _reports.Count + _disconnected.Count == 0; }
    }

    /// <summary>Waits for the condition; fails the test after a generous bound instead of hanging it.</summary>
    public async Task WaitUntilAsync(Func<RecordingSink, bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (condition(this))
                return;
            await changed.WaitAsync(patience.Token);
        }
    }

    public ValueTask OnConnectedAsync(BridgeSession session, CancellationToken ct) => Record(() => _connected.Add(session));
    public ValueTask OnTicksAsync(BridgeSession session, TickBatch batch, CancellationToken ct) => Record(() => _batches.Add((session, batch)));
    public ValueTask OnTicksLostAsync(BridgeSession session, string symbol, long fromSequence, long count, CancellationToken ct) =>
        Record(() => _lost.Add((symbol, fromSequence, count)));
    public ValueTask OnExecutionReportAsync(BridgeSession session, ExecutionReport report, CancellationToken ct) => Record(() => _reports.Add(report));

    public ValueTask OnTradeSnapshotAsync(BridgeSession session, TradeSnapshot snapshot, CancellationToken ct) => Record(() => _snapshots.Add(snapshot));
    public ValueTask OnDisconnectedAsync(BridgeSession session, string reason, CancellationToken ct) => Record(() => _disconnected.Add(reason));

    private ValueTask Record(Action change)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            change();
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
