using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;

namespace Plan2.Core.Backtesting;

/// <summary>
/// History through the live pipeline at full speed. Each tick goes, in this order, to the
/// <see cref="InstrumentEngine"/> (candles and indicators, exactly as the InstrumentGrain builds them),
/// then to the paper venue (fills of working orders), then to the <see cref="StrategyRunner"/> (rollover,
/// stops); then each bar of the strategy's timeframe that this tick closed goes to the prediction source
/// and the runner, whose orders meet this same tick at the venue when there is no latency (the bar is
/// known only once this tick has arrived, so it is the first price the decision can trade at).
/// The simulated clock is the ticks' own time. Equity is sampled at every such bar close.
/// With an <see cref="IBatchPredictionSource"/> the engine runs up to <see cref="BlockTicks"/> ticks (or
/// <see cref="BlockBars"/> bars) ahead of the trading: the bars a block closes go to the source every
/// <see cref="PrepareBars"/> bars as the engine closes them (so that it scores them while the engine goes on),
/// then the block is traded tick by tick exactly as above (the engine never reads what the trading does, and each
/// bar's prediction still sees only bars up to its close), so orders and fills are those of the per-tick
/// run; the runner and the equity curve are then up to date only after each block and after <see cref="Finish"/>.
/// </summary>
public sealed class Backtester
{
    private readonly InstrumentEngine _engine;
    private readonly PaperVenue _venue;
    private readonly StrategyRunner _runner;
    private readonly IPredictionSource? _predictions;
    private readonly List<BarClose> _closes = new(8);
    private readonly List<Trading.Orders.OrderEvent> _events = [];
    private readonly List<EquityPoint> _equity = [];
    private readonly Timeframe _timeframe;
    private readonly Tick[] _block; // ticks the engine has taken and the trading not yet
    private readonly List<(int Tick, BarClose Close)> _blockCloses = [];
    private readonly List<BarClose> _blockBars = [];
    private int _blockCount;
    private int _blockPrepared; // bars of the block already handed to the source

    public const int BlockTicks = 262_144;
    public const int BlockBars = 2_048;
    public const int PrepareBars = 256;

    public Backtester(InstrumentEngine engine, PaperVenue venue, StrategyRunner runner, IPredictionSource? predictions)
    {
        if (engine.Symbol != runner.Strategy.Instrument.Symbol)
            throw new ArgumentException($"The engine is for {engine.Symbol}, the strategy for {runner.Strategy.Instrument.Symbol}.", nameof(runner));
        _engine = engine;
        _venue = venue;
        _runner = runner;
        _predictions = predictions;
        _timeframe = runner.Strategy.Settings.Timeframe;
        _block = new Tick[predictions is IBatchPredictionSource ? BlockTicks : 1];
    }

    public StrategyRunner Runner => _runner;
    public IReadOnlyList<EquityPoint> Equity => _equity;
    public long Ticks { get; private set; }
    public long Predictions { get; private set; }
    public Tick? FirstQuote { get; private set; }
    public Tick? LastQuote => _engine.LastQuote;

    public void OnTick(in Tick tick)
    {
        if (Ticks++ == 0)
            FirstQuote = tick;
        _engine.Apply(tick, _closes);
        if (_closes.Count > 0)
            TakeCloses();
        if (_blockBars.Count - _blockPrepared >= PrepareBars)
            PrepareBlockBars();
        _block[_blockCount++] = tick;
        if (_blockCount == _block.Length || _blockBars.Count >= BlockBars)
            TradeBlock();
    }

    // Not a foreach on the tick path: List<BarClose>'s enumerator zeroes a copy of the large bar on every tick.
    private void TakeCloses()
    {
        foreach (ref readonly var close in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_closes))
        {
            if (close.Timeframe != _timeframe)
                continue;
            _blockCloses.Add((_blockCount, close));
            _blockBars.Add(close);
        }
        _closes.Clear();
    }

    /// <summary>End of history: close what is held at the last quote (reason <see cref="TargetReason.EndOfData"/>) and take the final mark.</summary>
    public void Finish()
    {
        TradeBlock();
        _runner.Flatten(TargetReason.EndOfData);
        if (LastQuote is { } last)
        {
            // A venue with latency fills the exit on the next quote: show it the last one again, later.
            for (var i = 1; _venue.WorkingCount > 0 && i <= 3600; i++)
            {
                _venue.OnQuote(_engine.Symbol, last with { TimeMs = last.TimeMs + i * 1000L }, _events);
                Deliver();
            }
            _equity.Add(new EquityPoint(last.TimeMs, _runner.Mark()));
        }
    }

    /// <summary>The block's ticks through the venue and the runner, each followed by the bars it closed.</summary>
    private void TradeBlock()
    {
        PrepareBlockBars();
        var closes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_blockCloses);
        var next = 0;
        var nextTick = closes.Length > 0 ? closes[0].Tick : -1; // an int per tick to compare, not a bar copied out of the list
        for (var i = 0; i < _blockCount; i++)
        {
            ref readonly var tick = ref _block[i];
            _venue.OnQuote(_engine.Symbol, tick, _events);
            if (_events.Count > 0)
                Deliver();
            _runner.OnQuote(tick);
            if (i != nextTick)
                continue;
            for (; next < closes.Length && closes[next].Tick == i; next++)
                OnClose(closes[next].Close);
            nextTick = next < closes.Length ? closes[next].Tick : -1;
        }
        _blockCount = 0;
        _blockCloses.Clear();
        _blockBars.Clear();
        _blockPrepared = 0;
    }

    /// <summary>The block's bars not yet handed to the batch source.</summary>
    private void PrepareBlockBars()
    {
        if (_blockBars.Count > _blockPrepared && _predictions is IBatchPredictionSource batch)
            batch.Prepare(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_blockBars)[_blockPrepared..]);
        _blockPrepared = _blockBars.Count;
    }

    private void OnClose(in BarClose close)
    {
        var prediction = _predictions?.OnBar(close);
        if (prediction is not null)
            Predictions++;
        _runner.OnBar(close, prediction);
        _equity.Add(new EquityPoint(close.Candle.OpenTimeMs + _timeframe.Milliseconds(), _runner.Account.Equity));
    }

    private void Deliver()
    {
        foreach (var e in _events)
            _runner.OnOrderEvent(e);
        _events.Clear();
    }
}
