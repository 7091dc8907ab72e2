using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>
/// Slow (full) stochastic oscillator (n, s, d), 14/3/3 by default.
/// Fast %K = 100 · (close − lowest low) / (highest high − lowest low) over the last n bars;
/// slow %K = SMA(s) of fast %K; %D = SMA(d) of slow %K (Lane's slow stochastic; StockCharts "Full 14,3,3",
/// Tulip, Skender). MetaTrader's "slowing" instead divides summed numerators by summed ranges, so its %K
/// differs slightly. A window with no range gives 50: no position to report.
/// Warm-up: n + s + d − 2 bars (18); %K is defined from bar n + s − 1 (16).
/// </summary>
public sealed class Stochastic
{
    private readonly RollingExtremes _extremes;
    private readonly SimpleMovingAverage _slowK;
    private readonly SimpleMovingAverage _d;

    public Stochastic(int period = 14, int kSmoothing = 3, int dPeriod = 3)
    {
        Period = Guard.Period(period, nameof(period));
        _slowK = new SimpleMovingAverage(kSmoothing);
        _d = new SimpleMovingAverage(dPeriod);
        _extremes = new RollingExtremes(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period + _slowK.Period + _d.Period - 2;

    /// <summary>True once %D is defined; %K is defined <c>d − 1</c> bars earlier.</summary>
    public bool IsReady => _d.IsReady;

    /// <summary>Slow %K, 0 to 100; NaN until defined.</summary>
    public double K => _slowK.Value;

    /// <summary>%D, 0 to 100; NaN until <see cref="IsReady"/>.</summary>
    public double D => _d.Value;

    /// <summary>The fast (raw) %K of the last bar; NaN for the first n − 1 bars.</summary>
    public double FastK { get; private set; } = double.NaN;

    public void Update(in Candle bar)
    {
        _extremes.Push(bar.High.Units, bar.Low.Units);
        if (!_extremes.IsFull)
            return;
        FastK = _extremes.PositionOf(bar.Close.Units, whenFlat: 50);
        _slowK.Update(FastK);
        if (_slowK.IsReady)
            _d.Update(_slowK.Value);
    }
}
