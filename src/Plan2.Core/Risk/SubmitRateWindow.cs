namespace Plan2.Core.Risk;

/// <summary>
/// An account's recent order submissions, for a sliding-window rate limit on the injected clock.
/// Keeps the last N submit times in a ring (N grows to the largest limit recorded with), so the
/// check is one comparison: a new order would be one too many exactly when the limit-th most recent
/// submission still lies inside the window. Record a submission only once risk approved it.
/// Not thread-safe: one per account, used from the account's single-threaded owner.
/// </summary>
public sealed class SubmitRateWindow
{
    private long[] _times = new long[128]; // UTC ticks
    private int _head; // next write
    private int _count;

    public int Recorded => _count;

    /// <summary>Would one more submission at <paramref name="now"/> exceed <paramref name="limit"/> in the trailing <paramref name="window"/>?</summary>
    public bool WouldExceed(DateTimeOffset now, int limit, TimeSpan window)
    {
        if (limit <= 0)
            return true;
        if (limit > _count)
            return false; // fewer submissions known than the limit (the ring always holds at least `limit` when it matters)
        var kthNewest = _times[(_head - limit + _times.Length) % _times.Length];
        return kthNewest > now.UtcTicks - window.Ticks;
    }

    /// <summary>How many recorded submissions lie inside the trailing window (for dashboards; O(n)).</summary>
    public int CountWithin(DateTimeOffset now, TimeSpan window)
    {
        var since = now.UtcTicks - window.Ticks;
        var n = 0;
        for (var k = 1; k <= _count; k++)
            if (_times[(_head - k + _times.Length) % _times.Length] > since) n++;
        return n;
    }

    public void Record(DateTimeOffset now, int limit)
    {
        if (limit > _times.Length)
            Grow(limit);
        _times[_head] = now.UtcTicks;
        _head = (_head + 1) % _times.Length;
        if (_count < _times.Length) _count++;
    }

    private void Grow(int capacity)
    {
        var grown = new long[capacity];
        for (var k = _count; k >= 1; k--) // oldest first
            grown[_count - k] = _times[(_head - k + _times.Length) % _times.Length];
        _times = grown;
        _head = _count % capacity;
    }
}
