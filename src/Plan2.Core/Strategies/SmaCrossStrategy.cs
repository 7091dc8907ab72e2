using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Strategies;

/// <summary>
/// Trend following: long when the fast simple moving average of closes crosses above the slow one,
/// short when it crosses below; no opinion between crosses (the holding and exit rules decide).
/// </summary>
public sealed class SmaCrossStrategy(StrategySettings settings, Instrument instrument, int fast = 10, int slow = 30) : Strategy(settings, instrument)
{
    public const string Name = "sma-cross";

    private readonly SimpleMovingAverage _fast = new(fast);
    private readonly SimpleMovingAverage _slow = new(slow > fast ? slow : throw new ArgumentException("The slow period must exceed the fast one.", nameof(slow)));
    private int _lastSide; // +1 fast above slow, −1 below, 0 unknown

    protected override Signal Decide(in BarClose bar, Prediction? prediction, out decimal lots, out double? confidence)
    {
        confidence = null;
        lots = Settings.Lots;
        var close = bar.Candle.Close.ToDouble();
        _fast.Update(close);
        _slow.Update(close);
        if (!_slow.IsReady || _fast.Value == _slow.Value)
            return Signal.Hold;
        var side = _fast.Value > _slow.Value ? 1 : -1;
        var crossed = _lastSide != 0 && side != _lastSide;
        _lastSide = side;
        return !crossed ? Signal.Hold : side > 0 ? Signal.Long : Signal.Short;
    }
}
