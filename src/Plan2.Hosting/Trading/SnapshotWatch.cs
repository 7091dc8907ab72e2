using System.Collections.Concurrent;

namespace Plan2.Hosting.Trading;

/// <summary>
/// Which orders one terminal's snapshot may not show truly: those a request went out for since the snapshot was asked
/// for, and those whose request was on its way as it was asked (the terminal reads them after the snapshot request).
/// Reconciliation leaves them to their own answers. Each request registers before it is written and leaves once answered;
/// the snapshot's set is published before the requests on their way are copied in, so no request slips between the two.
/// Requests after the answer are told apart by time instead (<see cref="AskedAt"/> against the order's own request times),
/// as the account may reconcile only after placing more orders.
/// </summary>
public sealed class SnapshotWatch
{
    private readonly ConcurrentDictionary<string, byte> _onTheWay = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, byte>? _sinceAsked;

    /// <summary>When the last snapshot was asked for (the platform's clock).</summary>
    public DateTimeOffset? AskedAt { get; private set; }

    /// <summary>A request for this order is about to be written; dispose once it is answered (or given up).</summary>
    public Sending Send(string clientOrderId)
    {
        _onTheWay.AddOrUpdate(clientOrderId, 1, (_, n) => (byte)(n + 1));
        Volatile.Read(ref _sinceAsked)?.TryAdd(clientOrderId, 0);
        return new Sending(this, clientOrderId);
    }

    /// <summary>The snapshot request is about to be written.</summary>
    public void Asked(DateTimeOffset at)
    {
        AskedAt = at;
        var since = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        Interlocked.Exchange(ref _sinceAsked, since);
        foreach (var id in _onTheWay.Keys)
            since.TryAdd(id, 0);
    }

    /// <summary>The snapshot arrived: the orders it may not show truly, and the watch starts over.</summary>
    public IReadOnlyList<string> Answered() => Interlocked.Exchange(ref _sinceAsked, null)?.Keys.ToList() ?? [];

    private void Done(string clientOrderId)
    {
        while (_onTheWay.TryGetValue(clientOrderId, out var n))
            if (n <= 1 ? _onTheWay.TryRemove(new KeyValuePair<string, byte>(clientOrderId, n)) : _onTheWay.TryUpdate(clientOrderId, (byte)(n - 1), n))
                return;
    }

    public readonly struct Sending(SnapshotWatch watch, string clientOrderId) : IDisposable
    {
        public void Dispose() => watch.Done(clientOrderId);
    }
}
