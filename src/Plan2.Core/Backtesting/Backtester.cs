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

    public Backtester(InstrumentEngine engine, PaperVenue venue, StrategyRunner runner, IPredictionSource? predictions)
    {
        if (engine.Symbol != runner.Strategy.Instrument.Symbol)
            throw new ArgumentException($"The engine is for {engine.Symbol}, the strategy for {runner.Strategy.Instrument.Symbol}.", nameof(runner));
        _engine = engine;
        _venue = venue;
        _runner = runner;
        _predictions = predictions;
        _timeframe = runner.Strategy.Settings.Timeframe;
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
        _venue.OnQuote(_engine.Symbol, tick, _events);
        if (_events.Count > 0)
            Deliver();
        _runner.OnQuote(tick);
        if (_closes.Count > 0)
            OnCloses();
    }

    /// <summary>End of history: close what is held at the last quote (reason <see cref="TargetReason.EndOfData"/>) and take the final mark.</summary>
    public void Finish()
    {
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

    private void OnCloses()
    {
        foreach (var close in _closes)
        {
            if (close.Timeframe != _timeframe)
                continue;
            var prediction = _predictions?.OnBar(close);
            if (prediction is not null)
                Predictions++;
            _runner.OnBar(close, prediction);
            _equity.Add(new EquityPoint(close.Candle.OpenTimeMs + _timeframe.Milliseconds(), _runner.Account.Equity));
        }
        _closes.Clear();
    }

    private void Deliver()
    {
        foreach (var e in _events)
            _runner.OnOrderEvent(e);
        _events.Clear();
    }
}
