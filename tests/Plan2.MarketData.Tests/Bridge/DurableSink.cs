using Plan2.Abstractions.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// A sink with a store that commits when the test says so: what it took is durable only through <see cref="Commit"/>,
/// and <see cref="ResumeAsync"/> reports the committed positions (as a store read by a restarted platform would).
/// </summary>
public sealed class DurableSink(RecordingSink inner) : ForwardingSink(inner)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _committed = new(StringComparer.Ordinal);
    private readonly List<(string Symbol, long Through, TaskCompletionSource<long> Done)> _waiting = [];

    /// <summary>Set to report fewer than delivered (lost with a dead queue) instead of waiting.</summary>
    public long? LostAfter { get; set; }

    public int Waits { get; private set; }

    public void Commit(string symbol, long through)
    {
        List<(TaskCompletionSource<long>, long)> done = [];
        lock (_gate)
        {
            _committed[symbol] = Math.Max(through, _committed.GetValueOrDefault(symbol));
            foreach (var w in _waiting.Where(w => w.Symbol == symbol && w.Through <= through).ToList())
            {
                _waiting.Remove(w);
                done.Add((w.Done, _committed[symbol]));
            }
        }
        foreach (var (tcs, value) in done)
            tcs.TrySetResult(value);
    }

    public override ValueTask<long[]?> ResumeAsync(BridgeSession session, CancellationToken ct)
    {
        lock (_gate)
            return ValueTask.FromResult<long[]?>(session.Symbols.Select(s => _committed.GetValueOrDefault(s)).ToArray());
    }

    public override ValueTask<long> WhenDurableAsync(BridgeSession session, string symbol, long throughSequence, CancellationToken ct)
    {
        lock (_gate)
        {
            Waits++;
            if (LostAfter is { } lost)
                return ValueTask.FromResult(lost);
            if (_committed.GetValueOrDefault(symbol) >= throughSequence)
                return ValueTask.FromResult(_committed[symbol]);
            var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((symbol, throughSequence, done));
            return new ValueTask<long>(done.Task);
        }
    }
}
