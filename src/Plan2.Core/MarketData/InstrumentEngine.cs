using Plan2.Core.Indicators;

namespace Plan2.Core.MarketData;

/// <summary>
/// Everything an instrument does with its ticks, with no I/O: validation (rejects counted by reason),
/// last quote, candles of every timeframe, and the standard indicators on each timeframe's closes.
/// Synchronous and allocation-free per tick, so the grain (live) and the backtester (history) run the
/// very same code. A candle closes when the first tick of a later bucket arrives, as in MetaTrader.
/// </summary>
public sealed class InstrumentEngine
{
    private readonly TickValidator _validator;
    private readonly Series[] _series;

    public InstrumentEngine(string symbol, TickValidationOptions options, TimeProvider clock, int keepBars = 300)
    {
        Symbol = symbol;
        _validator = new TickValidator(options, clock);
        _series = TimeframeExtensions.All.Select(tf => new Series(tf, keepBars)).ToArray();
    }

    public string Symbol { get; }
    public Tick? LastQuote { get; private set; }
    public TickValidator Validation => _validator;

    /// <summary>
    /// Validates and applies raw ticks (floating-point, as a feed delivers them). Accepted ticks are
    /// added to <paramref name="accepted"/>, closed bars to <paramref name="closes"/>; returns how many were accepted.
    /// </summary>
    public int Apply(ReadOnlySpan<long> timesMs, ReadOnlySpan<double> bids, ReadOnlySpan<double> asks,
        ICollection<Tick>? accepted, ICollection<BarClose>? closes)
    {
        if (timesMs.Length != bids.Length || timesMs.Length != asks.Length)
            throw new ArgumentException("A tick batch needs as many times as bids and asks.");
        var taken = 0;
        for (var i = 0; i < timesMs.Length; i++)
        {
            if (_validator.Validate(timesMs[i], bids[i], asks[i], out var tick) != TickRejectReason.None)
                continue;
            Apply(tick, closes);
            accepted?.Add(tick);
            taken++;
        }
        return taken;
    }

    /// <summary>Applies one exact tick that already passed validation (history, tests).</summary>
    public void Apply(in Tick tick, ICollection<BarClose>? closes)
    {
        LastQuote = tick;
        foreach (var series in _series)
            if (series.Builder.OnTick(tick, out var closed))
                closes?.Add(series.Close(closed));
    }

    /// <summary>
    /// Rebuilds the live window from stored history (a new activation), emitting nothing: the closed bars of each
    /// timeframe (oldest first) become its recent bars and indicator state, stored M1 bars after a timeframe's last
    /// closed bar and then <paramref name="ticksSince"/> rebuild the candles in progress, and the last tick is the
    /// quote. Closes counted here keep their sequence, so the first live close continues the numbering; a late tick
    /// older than the history is rejected as out of order rather than reopening a closed bar.
    /// </summary>
    public void Prime(IReadOnlyDictionary<Timeframe, IReadOnlyList<Candle>> closedBars, IReadOnlyList<Tick> ticksSince)
    {
        closedBars.TryGetValue(Timeframe.M1, out var m1);
        m1 ??= [];
        foreach (var series in _series)
        {
            var tf = series.Builder.Timeframe;
            var own = closedBars.TryGetValue(tf, out var b) ? b : [];
            foreach (var bar in own)
                if (series.Builder.OnBar(bar, out var closed))
                    series.Close(closed);
            if (series.Builder.TryClose(out var last))
                series.Close(last);
            var openFrom = own.Count > 0 ? own[^1].OpenTimeMs + tf.Milliseconds() : long.MinValue;
            foreach (var bar in m1)
                if (bar.OpenTimeMs >= openFrom && series.Builder.OnBar(bar, out var closed))
                    series.Close(closed);
        }
        var ticksFrom = m1.Count > 0 ? m1[^1].OpenTimeMs + Timeframe.M1.Milliseconds() : long.MinValue;
        foreach (var tick in ticksSince)
            if (tick.TimeMs >= ticksFrom)
                Apply(tick, null);
        _validator.ResumeAfter(Math.Max(ticksFrom, LastQuote?.TimeMs ?? long.MinValue));
    }

    /// <summary>The most recent closed bars of a timeframe, oldest first.</summary>
    public IReadOnlyList<BarClose> RecentBars(Timeframe timeframe, int max) => Find(timeframe).Recent(max);

    /// <summary>The candle still being built, if any.</summary>
    public Candle? FormingCandle(Timeframe timeframe) => Find(timeframe).Builder.Current;

    private Series Find(Timeframe timeframe) =>
        Array.Find(_series, s => s.Builder.Timeframe == timeframe) ?? throw new ArgumentOutOfRangeException(nameof(timeframe));

    private sealed class Series(Timeframe timeframe, int keep)
    {
        private readonly BarClose[] _recent = new BarClose[keep];
        private readonly IndicatorSet _indicators = new();
        private int _next;
        private int _count;
        private long _closes;

        public CandleBuilder Builder { get; } = new(timeframe);

        public BarClose Close(in Candle candle)
        {
            _indicators.Update(candle);
            var close = new BarClose(Builder.Timeframe, candle, _indicators.Current, ++_closes);
            _recent[_next] = close;
            _next = (_next + 1) % _recent.Length;
            _count = Math.Min(_count + 1, _recent.Length);
            return close;
        }

        public IReadOnlyList<BarClose> Recent(int max)
        {
            var n = Math.Min(max, _count);
            var list = new BarClose[n];
            for (var i = 0; i < n; i++)
                list[i] = _recent[(_next - n + i + _recent.Length) % _recent.Length];
            return list;
        }
    }
}
