namespace Plan2.Core.Indicators;

/// <summary>
/// Wilder's relative strength index: RSI = 100 · AvgGain / (AvgGain + AvgLoss), the same as
/// 100 − 100 / (1 + RS) but with no division by a zero loss. Gains and losses are the close-to-close
/// changes; each average starts as the simple mean of the first n of them, then (prev·(n−1) + x) / n.
/// Warm-up: n + 1 values (n changes); the first RSI is at input n + 1, as in Wilder and StockCharts.
/// No losses gives 100; a perfectly flat window (no gains either) gives 50: no direction, so a halted
/// market does not read as overbought.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private WilderAverage _gain;
    private WilderAverage _loss;
    private double _previous;
    private bool _hasPrevious;

    public RelativeStrengthIndex(int period = 14)
    {
        Period = Guard.Period(period, nameof(period));
        _gain = new WilderAverage(period);
        _loss = new WilderAverage(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period + 1;

    public bool IsReady => _gain.IsReady;

    /// <summary>0 to 100; NaN until <see cref="IsReady"/>.</summary>
    public double Value { get; private set; } = double.NaN;

    public void Update(double value)
    {
        if (_hasPrevious)
        {
            var change = value - _previous;
            // Max, not a conditional: the sign of a change is a coin flip the branch predictor keeps losing. (A NaN change
            // would stay in both averages; closes come from exact price units, never NaN.)
            _gain.Add(Math.Max(change, 0));
            _loss.Add(Math.Max(-change, 0));
            if (_gain.IsReady)
            {
                var total = _gain.Value + _loss.Value;
                Value = total > 0 ? 100 * _gain.Value / total : 50;
            }
        }
        _previous = value;
        _hasPrevious = true;
    }
}
