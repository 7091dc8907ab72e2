namespace Plan2.Core.Indicators;

/// <summary>
/// Wilder's smoothing: the first value is the plain mean of the first n inputs, then
/// avg = (avg·(n−1) + x) / n, an EMA with α = 1/n. A mutable struct held in a field so the
/// indicators that need several of them (RSI, ATR, ADX) pay no extra object hop per update.
/// </summary>
internal struct WilderAverage(int period)
{
    private readonly int _period = period;
    private int _count;
    private double _sum;

    public double Value { get; private set; } = double.NaN;

    public readonly bool IsReady => _count == _period;

    public void Add(double x)
    {
        if (_count == _period)
        {
            Value = (Value * (_period - 1) + x) / _period;
            return;
        }
        _sum += x;
        if (++_count == _period)
            Value = _sum / _period;
    }
}
