namespace Plan2.Core.Indicators;

/// <summary>
/// Simple moving average: SMA = (x₁ + … + xₙ) / n over the last n values.
/// Warm-up: n values; the first value is at the n-th input. O(1) per update from a running sum that is
/// re-added from the window once per full turn, so rounding error never outlives one window.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly RingBuffer<double> _window;
    private double _sum;

    public SimpleMovingAverage(int period)
    {
        Period = Guard.Period(period, nameof(period));
        _window = new RingBuffer<double>(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period;

    public bool IsReady => _window.IsFull;

    /// <summary>The current average; NaN until <see cref="IsReady"/>.</summary>
    public double Value { get; private set; } = double.NaN;

    public void Update(double value)
    {
        _sum += value - _window.Push(value);
        if (_window.CompletedTurn)
            _sum = WindowMath.Sum(_window.Items);
        if (_window.IsFull)
            Value = _sum / Period;
    }
}
