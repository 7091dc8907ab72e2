using Plan2.Core.MarketData;

namespace Plan2.Core.Indicators;

/// <summary>
/// The standard indicators with their default parameters, fed one closed bar at a time: SMA(20), EMA(20),
/// RSI(14), MACD(12,26,9), Bollinger(20,2), ATR(14), Stochastic(14,3,3), ADX(14), CCI(20), Williams %R(14).
/// Close-based indicators read the close. Williams %R(14) is the stochastic's fast %K(14) less 100, so it is
/// read from the stochastic rather than kept twice (the same 14-bar extremes, the same arithmetic). Update
/// allocates nothing and calls nothing virtual: every indicator is a sealed class held in a readonly field.
/// </summary>
public sealed class IndicatorSet
{
    private readonly SimpleMovingAverage _sma = new(20);
    private readonly ExponentialMovingAverage _ema = new(20);
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly Macd _macd = new(12, 26, 9);
    private readonly BollingerBands _bollinger = new(20, 2);
    private readonly AverageTrueRange _atr = new(14);
    private readonly Stochastic _stochastic = new(14, 3, 3);
    private readonly AverageDirectionalIndex _adx = new(14);
    private readonly CommodityChannelIndex _cci = new(20);
    private long _lastOpenTimeMs;

    public IndicatorSet()
    {
        int[] lengths =
        [
            _sma.WarmUpPeriod, _ema.WarmUpPeriod, _rsi.WarmUpPeriod, _macd.WarmUpPeriod, _bollinger.WarmUpPeriod,
            _atr.WarmUpPeriod, _stochastic.WarmUpPeriod, _adx.WarmUpPeriod, _cci.WarmUpPeriod,
        ];
        foreach (var length in lengths)
            WarmUpPeriod = Math.Max(WarmUpPeriod, length);
    }

    /// <summary>Bars taken so far.</summary>
    public long Count { get; private set; }

    /// <summary>Bars needed before every value is defined (34, MACD's, with the defaults).</summary>
    public int WarmUpPeriod { get; }

    public bool IsReady =>
        _sma.IsReady && _ema.IsReady && _rsi.IsReady && _macd.IsReady && _bollinger.IsReady
        && _atr.IsReady && _stochastic.IsReady && _adx.IsReady && _cci.IsReady;

    /// <summary>
    /// Takes the next closed bar. Throws on an impossible bar or one not after the previous: a replayed or
    /// reordered bar would silently corrupt every running state, which is worse than stopping.
    /// </summary>
    public void Update(in Candle bar)
    {
        if (bar.Problem is { } problem)
            throw new ArgumentException($"Bar at {bar.OpenTimeMs} is impossible: {problem}.", nameof(bar));
        if (Count > 0 && bar.OpenTimeMs <= _lastOpenTimeMs)
            throw new ArgumentException($"Bar at {bar.OpenTimeMs} is not after the previous bar at {_lastOpenTimeMs}.", nameof(bar));
        _lastOpenTimeMs = bar.OpenTimeMs;
        Count++;

        var close = bar.Close.ToDouble();
        _sma.Update(close);
        _ema.Update(close);
        _rsi.Update(close);
        _macd.Update(close);
        _bollinger.Update(close);
        _atr.Update(bar);
        _stochastic.Update(bar);
        _adx.Update(bar);
        _cci.Update(bar);
    }

    /// <summary>The readings after the last bar; NaN for anything still warming up.</summary>
    public IndicatorValues Current => new()
    {
        Sma20 = _sma.Value,
        Ema20 = _ema.Value,
        Rsi14 = _rsi.Value,
        Macd = _macd.Value,
        MacdSignal = _macd.Signal,
        MacdHist = _macd.Histogram,
        BbUpper = _bollinger.Upper,
        BbMiddle = _bollinger.Middle,
        BbLower = _bollinger.Lower,
        Atr14 = _atr.Value,
        StochK = _stochastic.K,
        StochD = _stochastic.D,
        Adx14 = _adx.Value,
        PlusDi = _adx.PlusDi,
        MinusDi = _adx.MinusDi,
        Cci20 = _cci.Value,
        WilliamsR14 = _stochastic.FastK - 100,
    };
}
