using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Patterns;

/// <summary>
/// Finds the <see cref="CandlePattern"/>s each closed bar completes. Keeps the last three bars, an SMA of
/// closes for the trend and an ATR for scale; allocates nothing per bar.
/// Prior trend = sign(close − SMA(<see cref="TrendPeriod"/>)) on the bar just before a pattern's first bar:
/// the position against a short average is steadier on noisy bars than a look-back of two or three closes.
/// Size tests use the ATR as it stood before the completing bar, so that bar cannot dilute its own yardstick.
/// </summary>
public sealed class PatternDetector
{
    /// <summary>Room a caller's span needs: every pattern at once, which bounds any bar.</summary>
    public const int MaxHitsPerBar = CandlePatterns.Count;

    private readonly SimpleMovingAverage _trend;
    private readonly AverageTrueRange _atr;
    private Slot _oneBack;
    private Slot _twoBack;
    private int _barsSeen;
    private long _lastClose;

    public PatternDetector(int trendPeriod = 10, int atrPeriod = 14)
    {
        _trend = new SimpleMovingAverage(trendPeriod);
        _atr = new AverageTrueRange(atrPeriod);
    }

    public int TrendPeriod => _trend.Period;

    /// <summary>True once the trend average and the ATR both have values, i.e. detection is possible.</summary>
    public bool IsReady => _trend.IsReady && _atr.IsReady;

    /// <summary>Feeds one closed bar; writes the patterns it completes into <paramref name="hits"/> and returns how many.</summary>
    public int OnBar(in Candle bar, Span<PatternHit> hits)
    {
        if (hits.Length < MaxHitsPerBar)
            throw new ArgumentException($"Needs room for {MaxHitsPerBar} hits.", nameof(hits));

        var current = new Slot(CandleShape.Of(bar), TrendBeforeThisBar());
        var count = IsReady ? Detect(current, bar.OpenTimeMs, hits, _atr.Value * Price.UnitsPerOne) : 0;

        _trend.Update(bar.Close.Units);
        _atr.Update(bar);
        _lastClose = bar.Close.Units;
        _twoBack = _oneBack;
        _oneBack = current;
        _barsSeen++;
        return count;
    }

    // The average is fed whole price units, exact in a double, so a flat market reads as 0, not ±1 from rounding.
    private int TrendBeforeThisBar() => _trend.IsReady ? Math.Sign(_lastClose - _trend.Value) : 0;

    private int Detect(in Slot now, long timeMs, Span<PatternHit> hits, double atr)
    {
        var n = 0;
        var c = now.Shape;
        var t1 = now.TrendBefore;
        if (PatternRules.IsDoji(c, atr))
            n = Add(hits, n, CandlePattern.Doji, timeMs, t1);
        if (PatternRules.HasHammerShape(c, atr) && t1 != 0)
            n = Add(hits, n, t1 < 0 ? CandlePattern.Hammer : CandlePattern.HangingMan, timeMs, t1);
        if (PatternRules.HasShootingStarShape(c, atr) && t1 != 0)
            n = Add(hits, n, t1 > 0 ? CandlePattern.ShootingStar : CandlePattern.InvertedHammer, timeMs, t1);

        if (_barsSeen < 1)
            return n;
        var t2 = _oneBack.TrendBefore;
        if (t2 != 0 && PatternRules.Engulfs(_oneBack.Shape, c, -t2))
            n = Add(hits, n, t2 < 0 ? CandlePattern.BullishEngulfing : CandlePattern.BearishEngulfing, timeMs, t2);
        if (t2 != 0 && PatternRules.IsHarami(_oneBack.Shape, c, -t2, atr))
            n = Add(hits, n, t2 < 0 ? CandlePattern.BullishHarami : CandlePattern.BearishHarami, timeMs, t2);

        if (_barsSeen < 2)
            return n;
        var t3 = _twoBack.TrendBefore;
        if (t3 != 0 && PatternRules.IsStar(_twoBack.Shape, _oneBack.Shape, c, -t3, atr))
            n = Add(hits, n, t3 < 0 ? CandlePattern.MorningStar : CandlePattern.EveningStar, timeMs, t3);
        return n;
    }

    private static int Add(Span<PatternHit> hits, int n, CandlePattern pattern, long timeMs, int trend)
    {
        hits[n] = new PatternHit(pattern, timeMs, trend);
        return n + 1;
    }

    /// <summary>A remembered bar and the trend in force as it opened.</summary>
    private readonly record struct Slot(CandleShape Shape, int TrendBefore);
}
