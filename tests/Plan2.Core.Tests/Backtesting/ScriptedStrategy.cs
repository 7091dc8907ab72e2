using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Tests.Backtesting;

/// <summary>A strategy that says what it is told on the n-th close (1-based), so a test knows every order in advance.</summary>
internal sealed class ScriptedStrategy(StrategySettings settings, Instrument instrument, params (int Close, Signal Signal)[] script) : Strategy(settings, instrument)
{
    private int _closes;

    protected override Signal Decide(in BarClose bar, Prediction? prediction, out decimal lots, out double? confidence)
    {
        _closes++;
        lots = Settings.Lots;
        confidence = null;
        foreach (var (close, signal) in script)
            if (close == _closes) return signal;
        return Signal.Hold;
    }
}
