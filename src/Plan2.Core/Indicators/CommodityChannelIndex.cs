using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>
/// Lambert's commodity channel index: CCI = (TP − SMA(TP)) / (0.015 · mean deviation), where
/// TP = (high + low + close) / 3 and the mean deviation is the mean of |TP − SMA(TP)| over the same n bars.
/// The mean deviation has no O(1) update (every term moves with the mean), so each update makes two passes
/// over the n-wide window. A window with no deviation gives 0. Warm-up: n bars.
/// </summary>
public sealed class CommodityChannelIndex
{
    /// <summary>Lambert's scale, chosen so most values fall within ±100.</summary>
    public const double Scale = 0.015;

    private readonly RingBuffer<double> _typical;

    public CommodityChannelIndex(int period = 20)
    {
        Period = Guard.Period(period, nameof(period));
        _typical = new RingBuffer<double>(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => Period;

    public bool IsReady => _typical.IsFull;

    /// <summary>Unbounded, mostly within ±100; NaN until <see cref="IsReady"/>.</summary>
    public double Value { get; private set; } = double.NaN;

    public void Update(in Candle bar)
    {
        // Sum in exact units first: one rounding instead of three.
        var typical = PriceUnits.ToDouble(bar.High.Units + bar.Low.Units + bar.Close.Units) / 3;
        _typical.Push(typical);
        if (!_typical.IsFull)
            return;
        var items = _typical.Items;
        var mean = WindowMath.ShiftedMean(items);
        var deviation = WindowMath.SumOfAbsoluteDeviations(items, mean) / items.Length;
        Value = deviation > 0 ? (typical - mean) / (Scale * deviation) : 0;
    }
}
