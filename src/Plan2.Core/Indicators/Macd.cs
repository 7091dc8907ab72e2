namespace Plan2.Core.Indicators;

/// <summary>
/// Appel's MACD: line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line, histogram = line − signal.
/// Every EMA is seeded with the SMA of its first values (see <see cref="ExponentialMovingAverage"/>); the
/// signal EMA starts with the first defined line value, so it is seeded by the mean of the first 9 lines.
/// Warm-up for (12, 26, 9): the line from input 26, signal and histogram from input 34 (= slow + signal − 1).
/// </summary>
public sealed class Macd
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        Guard.Period(fastPeriod, nameof(fastPeriod));
        Guard.Period(slowPeriod, nameof(slowPeriod), minimum: fastPeriod + 1);
        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    public int WarmUpPeriod => _slow.Period + _signal.Period - 1;

    /// <summary>True once the signal and histogram are defined; the line is defined earlier.</summary>
    public bool IsReady => _signal.IsReady;

    /// <summary>The MACD line; NaN until the slow EMA is ready.</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>NaN until <see cref="IsReady"/>.</summary>
    public double Signal => _signal.Value;

    /// <summary>NaN until <see cref="IsReady"/>.</summary>
    public double Histogram => Value - _signal.Value;

    public void Update(double value)
    {
        _fast.Update(value);
        _slow.Update(value);
        if (!_slow.IsReady)
            return;
        Value = _fast.Value - _slow.Value;
        _signal.Update(Value);
    }
}
