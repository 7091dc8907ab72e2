using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Ml.Serving;

/// <summary>
/// The indicator readings a predictor's features use. Normally the ones the bar close carries: the instrument
/// computed them on the same candles, so computing them again would only repeat its work. A predictor that
/// outlived its instrument's activation (idle collection, a silo leaving) has seen more bars than the new
/// activation's indicators, which start cold; until those have seen <see cref="SettledAfter"/> bars (or as
/// many as the predictor), it bridges with its own indicators, replayed over the bars it kept.
/// </summary>
public sealed class IndicatorSource
{
    /// <summary>Bars after which a cold start no longer shows: the slowest decay, MACD's EMA(26), leaves ~1e-10 of it.</summary>
    public const int SettledAfter = 300;

    private readonly Candle[] _kept = new Candle[SettledAfter];
    private IndicatorSet? _own;
    private long _bars;

    /// <summary>Bars taken so far.</summary>
    public long Bars => _bars;

    /// <summary>True while the readings come from the predictor's own indicators rather than the bar's.</summary>
    public bool Bridging => _own is not null;

    /// <summary>
    /// Readings for the next bar. <paramref name="carried"/> are the bar's own, from indicators that have taken
    /// <paramref name="carriedBars"/> bars of this timeframe; null computes them here.
    /// </summary>
    public IndicatorValues Next(in Candle bar, IndicatorValues? carried, long carriedBars)
    {
        var taken = _bars;
        _kept[_bars++ % SettledAfter] = bar;
        if (carried is { } readings && carriedBars >= Math.Min(taken + 1, SettledAfter))
        {
            _own = null;
            return readings;
        }
        if (_own is null)
        {
            // Replay what was kept (everything, until SettledAfter bars): the same readings as having run all along.
            _own = new IndicatorSet();
            for (var i = Math.Max(0, _bars - SettledAfter); i < _bars; i++)
                _own.Update(_kept[i % SettledAfter]);
        }
        else
            _own.Update(bar);
        return _own.Current;
    }
}
