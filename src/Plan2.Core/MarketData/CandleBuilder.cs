namespace Plan2.Core.MarketData;

/// <summary>
/// Builds candles of one timeframe incrementally, from ticks (bid prices, as MetaTrader's charts)
/// or from finer closed candles. A candle closes when input arrives for a later bucket, or on
/// <see cref="TryClose"/> (end of data, or a timer at the bucket's end).
/// </summary>
public sealed class CandleBuilder(Timeframe timeframe)
{
    private Candle _current;
    private bool _open;

    public Timeframe Timeframe { get; } = timeframe;

    /// <summary>The candle being built, if any.</summary>
    public Candle? Current => _open ? _current : null;

    /// <summary>Adds a tick; returns true with the candle it closed when it starts a new bucket.</summary>
    public bool OnTick(in Tick tick, out Candle closed) =>
        Add(Timeframe.BucketStart(tick.TimeMs), tick.Bid, tick.Bid, tick.Bid, tick.Bid, 1, tick.Volume, out closed);

    /// <summary>Adds a finer closed candle (e.g. M1 into H1).</summary>
    public bool OnBar(in Candle bar, out Candle closed) =>
        Add(Timeframe.BucketStart(bar.OpenTimeMs), bar.Open, bar.High, bar.Low, bar.Close, bar.TickCount, bar.Volume, out closed);

    /// <summary>Closes the current candle if its bucket ended before <paramref name="nowMs"/> (or always when null).</summary>
    public bool TryClose(out Candle closed, long? nowMs = null)
    {
        closed = _current;
        if (!_open || (nowMs is { } now && now < _current.OpenTimeMs + Timeframe.Milliseconds()))
            return false;
        _open = false;
        return true;
    }

    private bool Add(long bucket, Price open, Price high, Price low, Price close, long ticks, double volume, out Candle closed)
    {
        if (_open && bucket == _current.OpenTimeMs)
        {
            _current = new Candle(bucket, _current.Open, Price.Max(_current.High, high), Price.Min(_current.Low, low),
                close, _current.TickCount + ticks, _current.Volume + volume);
            closed = default;
            return false;
        }
        var didClose = _open;
        closed = _current;
        _current = new Candle(bucket, open, high, low, close, ticks, volume);
        _open = true;
        return didClose;
    }
}
