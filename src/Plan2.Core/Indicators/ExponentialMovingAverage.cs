namespace Plan2.Core.Indicators;

/// <summary>
/// Exponential moving average with α = 2 / (n + 1): EMA = EMA₋₁ + α·(x − EMA₋₁).
/// Convention: seeded with the SMA of the first n values (StockCharts, TA-Lib, Skender), not with the
/// first value, so the first EMA is at the n-th input and equals that SMA. Warm-up: n values.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly double _alpha;
    private int _seedCount;
    private double _seedSum;

    public ExponentialMovingAverage(int period)
    {
        Period = Guard.Period(period, nameof(period));
        _alpha = 2.0 / (period + 1);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period;

    public bool IsReady { get; private set; }

    /// <summary>The current average; NaN until <see cref="IsReady"/>.</summary>
    public double Value { get; private set; } = double.NaN;

    public void Update(double value)
    {
        if (IsReady)
        {
            Value += _alpha * (value - Value);
            return;
        }
        _seedSum += value;
        if (++_seedCount < Period)
            return;
        Value = _seedSum / Period;
        IsReady = true;
    }
}
