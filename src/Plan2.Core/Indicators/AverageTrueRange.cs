using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>
/// Wilder's average true range. TR = max(high − low, |high − previous close|, |low − previous close|);
/// the first bar has no previous close, so its TR is high − low (Wilder, StockCharts, Tulip).
/// ATR starts as the mean of the first n TRs, then (prev·(n−1) + TR) / n.
/// Warm-up: n bars; the first ATR is at bar n.
/// </summary>
public sealed class AverageTrueRange
{
    private WilderAverage _average;
    private long _previousClose;
    private bool _hasPrevious;

    public AverageTrueRange(int period = 14)
    {
        Period = Guard.Period(period, nameof(period));
        _average = new WilderAverage(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period;

    public bool IsReady => _average.IsReady;

    /// <summary>In price units (1.0 = one unit of the quote); NaN until <see cref="IsReady"/>.</summary>
    public double Value => _average.Value;

    public void Update(in Candle bar)
    {
        var tr = _hasPrevious
            ? TrueRange.Units(bar, _previousClose)
            : bar.High.Units - bar.Low.Units;
        _average.Add(PriceUnits.ToDouble(tr));
        _previousClose = bar.Close.Units;
        _hasPrevious = true;
    }
}
