using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>
/// Wilder's directional movement system: +DI, −DI and ADX (n = 14 by default).
/// Per bar from the second: up = high − previous high, down = previous low − low;
/// +DM = up if up &gt; down and up &gt; 0, else 0; −DM = down if down &gt; up and down &gt; 0, else 0; TR as in
/// <see cref="AverageTrueRange"/>. TR, +DM and −DM are Wilder-smoothed (mean of the first n, then
/// (prev·(n−1) + x) / n; the ratio equals Wilder's running-sum form). ±DI = 100 · smoothed ±DM / smoothed TR;
/// DX = 100 · |+DI − −DI| / (+DI + −DI); ADX = Wilder smoothing of DX, seeded by the mean of the first n DX.
/// Warm-up: ±DI from bar n + 1 (15), ADX from bar 2n (28). No movement at all gives DI = DX = 0.
/// </summary>
public sealed class AverageDirectionalIndex
{
    private WilderAverage _trueRange;
    private WilderAverage _plusMove;
    private WilderAverage _minusMove;
    private WilderAverage _adx;
    private long _previousHigh;
    private long _previousLow;
    private long _previousClose;
    private bool _hasPrevious;

    public AverageDirectionalIndex(int period = 14)
    {
        Period = Guard.Period(period, nameof(period));
        _trueRange = new WilderAverage(period);
        _plusMove = new WilderAverage(period);
        _minusMove = new WilderAverage(period);
        _adx = new WilderAverage(period);
    }

    public int Period { get; }

    public int WarmUpPeriod => 2 * Period;

    /// <summary>True once ADX is defined; ±DI are defined <c>n − 1</c> bars earlier.</summary>
    public bool IsReady => _adx.IsReady;

    /// <summary>ADX, 0 to 100; NaN until <see cref="IsReady"/>.</summary>
    public double Value => _adx.Value;

    /// <summary>+DI, 0 to 100; NaN until defined.</summary>
    public double PlusDi { get; private set; } = double.NaN;

    /// <summary>−DI, 0 to 100; NaN until defined.</summary>
    public double MinusDi { get; private set; } = double.NaN;

    public void Update(in Candle bar)
    {
        if (_hasPrevious)
            Accumulate(bar);
        _previousHigh = bar.High.Units;
        _previousLow = bar.Low.Units;
        _previousClose = bar.Close.Units;
        _hasPrevious = true;
    }

    private void Accumulate(in Candle bar)
    {
        var up = bar.High.Units - _previousHigh;
        var down = _previousLow - bar.Low.Units;
        // Averaged in raw price units: ±DI are ratios of these averages, so the unit never matters.
        // Non-short-circuit tests: the JIT turns them into conditional moves, where a branch mispredicts about half the time.
        _plusMove.Add(up > down & up > 0 ? up : 0);
        _minusMove.Add(down > up & down > 0 ? down : 0);
        _trueRange.Add(TrueRange.Units(bar, _previousClose));
        if (!_trueRange.IsReady)
            return;
        var tr = _trueRange.Value;
        PlusDi = tr > 0 ? 100 * _plusMove.Value / tr : 0;
        MinusDi = tr > 0 ? 100 * _minusMove.Value / tr : 0;
        var sum = PlusDi + MinusDi;
        _adx.Add(sum > 0 ? 100 * Math.Abs(PlusDi - MinusDi) / sum : 0);
    }
}
