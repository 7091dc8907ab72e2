using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Strategies;

/// <summary>
/// Mean reversion on RSI(14) from the bar's indicator readings: long when oversold (below
/// <paramref name="oversold"/>), short when overbought (above 100 − it), flat once RSI is back across 50.
/// </summary>
public sealed class RsiReversionStrategy(StrategySettings settings, Instrument instrument, double oversold = 30) : Strategy(settings, instrument)
{
    public const string Name = "rsi-reversion";

    private readonly double _oversold = oversold is > 0 and < 50 ? oversold : throw new ArgumentException("Oversold must lie between 0 and 50.", nameof(oversold));

    protected override Signal Decide(in BarClose bar, Prediction? prediction, out decimal lots, out double? confidence)
    {
        confidence = null;
        lots = Settings.Lots;
        var rsi = bar.Indicators.Rsi14;
        if (double.IsNaN(rsi))
            return Signal.Hold;
        if (rsi < _oversold)
            return Signal.Long;
        if (rsi > 100 - _oversold)
            return Signal.Short;
        var backAtMean = TargetLots > 0m ? rsi >= 50 : TargetLots < 0m && rsi <= 50;
        return backAtMean ? Signal.Flat : Signal.Hold;
    }
}
