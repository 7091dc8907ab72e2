using Plan2.Core.MarketData;
namespace Plan2.Storage.Ticks;

/// <summary>
/// How far each feed of each symbol is committed in this process, and who waits for it: the writer reports its
/// commits, an instrument asks <see cref="WhenStoredAsync"/> on behalf of the bridge, which acknowledges only then.
/// Waits are per commit, not per tick: one waiter per feed and symbol at a time is the bridge's habit.
/// </summary>
public sealed class FeedDurability : IFeedDurability
{
    private readonly Dictionary<(string Feed, string Symbol), Entry> _entries = [];
    private Exception? _fault;

    /// <summary>The last sequence committed here for the feed and symbol; 0 when none (the store may know more).</summary>
    public long Stored(string feed, string symbol)
    {
        lock (_entries)
            return _entries.TryGetValue((feed, symbol), out var entry) ? entry.Through : 0;
    }

    /// <summary>Raises what is known from elsewhere (the store's cursor, read on a new activation); never lowers it.</summary>
    public void Known(string feed, string symbol, long through) => Stored([new FeedCursor(feed, symbol, through)]);

    /// <summary>Completes with the committed position once it reaches <paramref name="through"/>; fails if the writer gave up.</summary>
    public Task<long> WhenStoredAsync(string feed, string symbol, long through)
    {
        lock (_entries)
        {
            if (_fault is not null)
                return Task.FromException<long>(_fault);
            var entry = EntryFor(feed, symbol);
            if (entry.Through >= through)
                return Task.FromResult(entry.Through);
            var waiter = new Waiter(through, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            entry.Waiters.Add(waiter);
            return waiter.Done.Task;
        }
    }

    public void Stored(IReadOnlyList<FeedCursor> cursors)
    {
        List<(TaskCompletionSource<long>, long)>? done = null;
        lock (_entries)
            foreach (var cursor in cursors)
            {
                var entry = EntryFor(cursor.Feed, cursor.Symbol);
                if (cursor.Through <= entry.Through)
                    continue;
                entry.Through = cursor.Through;
                for (var i = entry.Waiters.Count - 1; i >= 0; i--)
                    if (entry.Waiters[i].Through <= cursor.Through)
                    {
                        (done ??= []).Add((entry.Waiters[i].Done, cursor.Through));
                        entry.Waiters.RemoveAt(i);
                    }
            }
        // Completed outside the lock: continuations run elsewhere anyway, but no one should wait on us for them.
        foreach (var (waiter, through) in done ?? [])
            waiter.TrySetResult(through);
    }

    /// <summary>
    /// Forgets the earlier sessions of <paramref name="feed"/>'s terminal (a terminal runs one session at a time), so that
    /// what is kept grows with terminals, not with their restarts. Anyone still waiting on one hears how far it got.
    /// </summary>
    public void RetireOtherSessions(string feed)
    {
        var terminal = FeedName.TerminalPrefix(feed);
        List<(Waiter, long)> released = [];
        lock (_entries)
            foreach (var key in _entries.Keys.Where(k => k.Feed != feed && FeedName.IsSessionOf(k.Feed, terminal)).ToList())
            {
                var entry = _entries[key];
                released.AddRange(entry.Waiters.Select(w => (w, entry.Through)));
                _entries.Remove(key);
            }
        foreach (var (waiter, through) in released)
            waiter.Done.TrySetResult(through);
    }

    /// <summary>How many (feed, symbol) positions are kept.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
                return _entries.Count;
        }
    }

    public void Faulted(Exception fault)
    {
        List<Waiter> waiting;
        lock (_entries)
        {
            _fault = fault;
            waiting = _entries.Values.SelectMany(e => e.Waiters).ToList();
            foreach (var entry in _entries.Values)
                entry.Waiters.Clear();
        }
        foreach (var waiter in waiting)
            waiter.Done.TrySetException(fault);
    }

    private Entry EntryFor(string feed, string symbol)
    {
        if (!_entries.TryGetValue((feed, symbol), out var entry))
            _entries[(feed, symbol)] = entry = new Entry();
        return entry;
    }

    private sealed class Entry
    {
        public long Through;
        public readonly List<Waiter> Waiters = [];
    }

    private sealed record Waiter(long Through, TaskCompletionSource<long> Done);
}
