using Plan2.Core.MarketData;

namespace Plan2.Storage.Ticks;

/// <summary>
/// Numbers ticks that share a millisecond (MT5 delivers several per ms) so that the store's key
/// (symbol, time, seq) keeps every one of them, and the same input always gets the same numbers.
/// One sequencer per symbol stream.
/// </summary>
public sealed class TickSequencer
{
    private long _lastMs = long.MinValue;
    private int _seq;

    /// <summary>
    /// Continues after a stored tick (time, seq): a later tick of the same millisecond gets seq + 1. Never goes back:
    /// a sequencer that numbered later ticks in this process already keeps its own place.
    /// </summary>
    public void Resume(long timeMs, int seq)
    {
        if (timeMs > _lastMs || (timeMs == _lastMs && seq > _seq))
            (_lastMs, _seq) = (timeMs, seq);
    }

    public SequencedTick Next(in Tick tick)
    {
        _seq = tick.TimeMs == _lastMs ? _seq + 1 : 0;
        _lastMs = tick.TimeMs;
        return new SequencedTick(tick, _seq);
    }
}
