using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Core.Features;

/// <summary>
/// Builds the feature vector (<see cref="FeatureSchema"/>) from closed candles, one bar at a time, the
/// same way in training, backtest and live: it only ever sees bars up to and including the current
/// one. Definitions (close c, ATR a, all on the candle's timeframe):
/// <list type="bullet">
/// <item>ret_k: ln(c_t / c_{t-k}) for k = 1, 5, 15, 60 bars.</item>
/// <item>rsi14: RSI/100 − 0.5. macd_atr, macd_hist_atr: MACD line and histogram / a.</item>
/// <item>dist_sma20_atr, dist_ema20_atr: (c − SMA20) / a, (c − EMA20) / a.</item>
/// <item>bb_pct_b: (c − lower)/(upper − lower) − 0.5; bb_width: (upper − lower)/middle.</item>
/// <item>atr14_rel: a / c. realized_vol_20: standard deviation of the last 20 one-bar log returns.</item>
/// <item>stoch_k: %K/100 − 0.5; williams_r: %R/100 + 0.5; cci20: CCI/100; adx14: ADX/100; di_spread: (+DI − −DI)/100.</item>
/// <item>range_atr: (high − low)/a; body_atr: (close − open)/a.</item>
/// <item>tod_*, dow_*: sine and cosine of the bar's UTC minute of day and day of week.</item>
/// </list>
/// A value not yet defined (warm-up, zero ATR) is NaN; <see cref="IsReady"/> says when all are defined.
/// One computation from (candle, indicator readings): the live path passes the readings its bar close
/// carries, training and backtest let the builder compute them from the same candles, so both give
/// identical features.
/// </summary>
public sealed class FeatureBuilder
{
    public const int WarmUpBars = 61;
    private const int ReturnWindow = 20;
    private IndicatorSet? _indicators;
    private readonly double[] _closes = new double[WarmUpBars];
    private readonly double[] _returns = new double[ReturnWindow];
    private long _bars;

    public long Bars => _bars;

    /// <summary>
    /// Every feature is defined from here on (given readings from an indicator set that has seen at least these
    /// bars: its own warm-up, <see cref="IndicatorSet.WarmUpPeriod"/>, is shorter than <see cref="WarmUpBars"/>).
    /// </summary>
    public bool IsReady => _bars >= WarmUpBars;

    /// <summary>
    /// Takes the next closed bar, computes the standard indicators on it (see <see cref="IndicatorSet"/>) and
    /// writes its features into <paramref name="features"/> (length <see cref="FeatureSchema.Count"/>).
    /// Throws on an impossible bar or one not after the previous. Do not mix with the other overload.
    /// </summary>
    public void Update(in Candle bar, Span<float> features)
    {
        _indicators ??= new IndicatorSet();
        _indicators.Update(bar);
        Update(bar, _indicators.Current, features);
    }

    /// <summary>
    /// Takes the next closed bar with the indicator readings that include it, as a bar close carries them, and
    /// writes its features into <paramref name="features"/>. The readings must come from an indicator set that
    /// has taken every bar this builder took; the caller keeps bars in time order.
    /// </summary>
    public void Update(in Candle bar, in IndicatorValues readings, Span<float> features)
    {
        if (features.Length < FeatureSchema.Count)
            throw new ArgumentException($"Need room for {FeatureSchema.Count} features.", nameof(features));
        var c = bar.Close.ToDouble();
        var prev = _bars > 0 ? Close(1) : double.NaN;
        _closes[_bars % WarmUpBars] = c;
        _returns[_bars % ReturnWindow] = Math.Log(c / prev);
        _bars++;
        var v = readings;
        var atr = v.Atr14 > 0 ? v.Atr14 : double.NaN;

        features[0] = Ret(1); features[1] = Ret(5); features[2] = Ret(15); features[3] = Ret(60);
        features[4] = F(v.Rsi14 / 100 - 0.5);
        features[5] = F(v.Macd / atr);
        features[6] = F(v.MacdHist / atr);
        features[7] = F((c - v.Sma20) / atr);
        features[8] = F((c - v.Ema20) / atr);
        var band = v.BbUpper - v.BbLower;
        features[9] = F(band > 0 ? (c - v.BbLower) / band - 0.5 : double.NaN);
        features[10] = F(band / v.BbMiddle);
        features[11] = F(atr / c);
        features[12] = F(RealizedVol());
        features[13] = F(v.StochK / 100 - 0.5);
        features[14] = F(v.WilliamsR14 / 100 + 0.5);
        features[15] = F(v.Cci20 / 100);
        features[16] = F(v.Adx14 / 100);
        features[17] = F((v.PlusDi - v.MinusDi) / 100);
        features[18] = F((bar.High.ToDouble() - bar.Low.ToDouble()) / atr);
        features[19] = F((c - bar.Open.ToDouble()) / atr);
        var t = bar.OpenTime.UtcDateTime;
        var minute = t.Hour * 60 + t.Minute;
        features[20] = (float)Math.Sin(2 * Math.PI * minute / 1440);
        features[21] = (float)Math.Cos(2 * Math.PI * minute / 1440);
        features[22] = (float)Math.Sin(2 * Math.PI * (int)t.DayOfWeek / 7);
        features[23] = (float)Math.Cos(2 * Math.PI * (int)t.DayOfWeek / 7);
    }

    private double Close(int barsAgo) => _closes[(_bars - barsAgo + WarmUpBars * 2) % WarmUpBars];

    private float Ret(int k) => _bars > k ? F(Math.Log(Close(1) / Close(k + 1))) : float.NaN;

    private double RealizedVol()
    {
        if (_bars <= ReturnWindow) return double.NaN;
        double sum = 0, sumSq = 0;
        foreach (var r in _returns) { sum += r; sumSq += r * r; }
        var mean = sum / ReturnWindow;
        return Math.Sqrt(Math.Max(sumSq / ReturnWindow - mean * mean, 0));
    }

    private static float F(double x) => double.IsFinite(x) ? (float)x : float.NaN;
}
