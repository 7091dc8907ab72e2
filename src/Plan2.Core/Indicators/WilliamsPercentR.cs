using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>
/// Williams %R: −100 · (highest high − close) / (highest high − lowest low) over the last n bars,
/// from 0 (close at the high) to −100 (close at the low). A window with no range gives −50.
/// Warm-up: n bars.
/// </summary>
public sealed class WilliamsPercentR
{
    private readonly RollingExtremes _extremes;

    public WilliamsPercentR(int period = 14)
    {
        Period = Guard.Period(period, nameof(period));
        _extremes = new RollingExtremes(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period;

    public bool IsReady => _extremes.IsFull;

    /// <summary>−100 to 0; NaN until <see cref="IsReady"/>.</summary>
    public double Value { get; private set; } = double.NaN;

    public void Update(in Candle bar)
    {
        _extremes.Push(bar.High.Units, bar.Low.Units);
        if (!_extremes.IsFull)
            return;
        Value = _extremes.PositionOf(bar.Close.Units, whenFlat: 50) - 100; // %R is the fast stochastic shifted down by 100
    }
}
