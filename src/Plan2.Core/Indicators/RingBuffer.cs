namespace Plan2.Core.Indicators;

/// <summary>
/// The last <see cref="Capacity"/> values of a series in a fixed array. A push into a full window
/// overwrites the oldest value and hands it back, so callers keep running sums in O(1) and never allocate.
/// </summary>
internal sealed class RingBuffer<T>(int capacity) where T : struct
{
    private readonly T[] _items = new T[capacity];
    private int _next; // slot the next push writes

    public int Count { get; private set; }

    public bool IsFull => Count == _items.Length;

    /// <summary>True right after a push that completed a full turn of the ring.</summary>
    public bool CompletedTurn => _next == 0;

    /// <summary>The values held, not in time order: only order-free statistics may read them.</summary>
    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    /// <summary>Adds a value; returns the one it replaced, or default while the window is filling.</summary>
    public T Push(T value)
    {
        var evicted = _items[_next];
        _items[_next] = value;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (Count < _items.Length)
            Count++;
        return evicted;
    }
}
