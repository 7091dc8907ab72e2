namespace Plan2.Core.MarketData;

/// <summary>A closed candle and its timeframe.</summary>
public readonly record struct ClosedCandle(Timeframe Timeframe, Candle Candle);

/// <summary>
/// All timeframes of one symbol at once. From ticks, every timeframe is built from the ticks; from
/// M1 bars (imports), M1 passes through and the coarser ones are built from it. Closed candles are
/// written into a caller's span so the hot path allocates nothing.
/// </summary>
public sealed class CandleAggregator
{
    public const int MaxClosedPerInput = 5;
    private readonly CandleBuilder[] _builders;

    public CandleAggregator(params Timeframe[] timeframes)
    {
        var wanted = timeframes.Length == 0 ? TimeframeExtensions.All : timeframes;
        _builders = wanted.Distinct().OrderBy(t => (int)t).Select(t => new CandleBuilder(t)).ToArray();
    }

    public IReadOnlyList<CandleBuilder> Builders => _builders;

    /// <summary>Feeds one tick; returns how many candles closed (written to <paramref name="closed"/>).</summary>
    public int OnTick(in Tick tick, Span<ClosedCandle> closed)
    {
        var n = 0;
        foreach (var builder in _builders)
            if (builder.OnTick(tick, out var c))
                closed[n++] = new ClosedCandle(builder.Timeframe, c);
        return n;
    }

    /// <summary>Feeds one closed bar of the finest timeframe (or finer); builders of that same timeframe pass it on as closed.</summary>
    public int OnBar(in Candle bar, Timeframe barTimeframe, Span<ClosedCandle> closed)
    {
        var n = 0;
        foreach (var builder in _builders)
        {
            if (builder.Timeframe == barTimeframe)
                closed[n++] = new ClosedCandle(barTimeframe, bar);
            else if ((int)builder.Timeframe > (int)barTimeframe && builder.OnBar(bar, out var c))
                closed[n++] = new ClosedCandle(builder.Timeframe, c);
        }
        return n;
    }

    /// <summary>Closes every open candle (end of data).</summary>
    public int Flush(Span<ClosedCandle> closed)
    {
        var n = 0;
        foreach (var builder in _builders)
            if (builder.TryClose(out var c))
                closed[n++] = new ClosedCandle(builder.Timeframe, c);
        return n;
    }
}
