namespace Plan2.Core.Indicators;

/// <summary>
/// Highest high and lowest low of the last n bars, in price units. Kept as running values and rescanned only
/// when the bar that held the extreme leaves the window: O(1) on most bars, and no unpredictable branch per
/// element as a full scan of random prices has.
/// </summary>
internal sealed class RollingExtremes(int period)
{
    private readonly RingBuffer<long> _highs = new(period);
    private readonly RingBuffer<long> _lows = new(period);

    public bool IsFull => _highs.IsFull;

    public long Highest { get; private set; } = long.MinValue;

    public long Lowest { get; private set; } = long.MaxValue;

    /// <summary>
    /// Where a close sits in the window's range, 0 at the lowest low to 100 at the highest high (the fast
    /// stochastic; Williams %R is this minus 100), <paramref name="whenFlat"/> when the range is empty.
    /// Differences of exact units, so the result carries one rounding, not three.
    /// </summary>
    public double PositionOf(long close, double whenFlat)
    {
        var range = Highest - Lowest;
        return range > 0 ? 100.0 * (close - Lowest) / range : whenFlat;
    }

    public void Push(long high, long low)
    {
        var wasFull = _highs.IsFull;
        var evictedHigh = _highs.Push(high);
        var evictedLow = _lows.Push(low);
        if (high >= Highest)
            Highest = high;
        else if (wasFull && evictedHigh == Highest)
            Highest = Max(_highs.Items);
        if (low <= Lowest)
            Lowest = low;
        else if (wasFull && evictedLow == Lowest)
            Lowest = Min(_lows.Items);
    }

    private static long Max(ReadOnlySpan<long> values)
    {
        var max = long.MinValue;
        foreach (var v in values)
            max = Math.Max(max, v);
        return max;
    }

    private static long Min(ReadOnlySpan<long> values)
    {
        var min = long.MaxValue;
        foreach (var v in values)
            min = Math.Min(min, v);
        return min;
    }
}
