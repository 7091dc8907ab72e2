using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Strategies;

/// <summary>
/// Turns closed bars (and, for AI strategies, predictions) into a target position in lots, signed
/// (long positive). A subclass only says <see cref="Decide"/>: long, short, flat or no opinion; the
/// rules every strategy shares live here: size, holding time, stop and take-profit in ATR units, and
/// enable/disable. Deterministic and clock-free: time is the bars' and quotes' own time, so the
/// strategy grain (live) and the backtester give the same targets for the same inputs.
/// </summary>
public abstract class Strategy
{
    private StrategySettings _settings;
    private int _barsSinceSignal;

    protected Strategy(StrategySettings settings, Instrument instrument)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
            throw new ArgumentException($"Strategy settings are invalid: {string.Join(" ", errors)}", nameof(settings));
        if (settings.Symbol != instrument.Symbol)
            throw new ArgumentException($"Strategy for {settings.Symbol} given instrument {instrument.Symbol}.", nameof(instrument));
        _settings = settings;
        Instrument = instrument;
    }

    public Instrument Instrument { get; }
    public string Id => _settings.StrategyId;

    /// <summary>Replaced at run time (e.g. disabled by its owner); applies from the next bar or quote.</summary>
    public StrategySettings Settings
    {
        get => _settings;
        set
        {
            var errors = value.Validate();
            if (errors.Count > 0 || value.Symbol != Instrument.Symbol)
                throw new ArgumentException($"Strategy settings are invalid: {string.Join(" ", errors)}", nameof(value));
            _settings = value;
        }
    }

    /// <summary>Signed lots the strategy wants held now.</summary>
    public decimal TargetLots
    {
        get => _targetLots;
        private set => (_targetLots, _side) = (value, Math.Sign(value));
    }

    private decimal _targetLots;
    private int _side; // the sign of TargetLots, kept beside it: every quote reads it, and decimal compares cost more than an int's
    public TargetReason Reason { get; private set; }
    /// <summary>Exit levels of the current target (bid for a long, ask for a short); null when off or flat.</summary>
    public Price? StopPrice { get; private set; }
    public Price? TakeProfitPrice { get; private set; }
    /// <summary>The prediction confidence behind the current target (AI strategies), for risk's sizing check.</summary>
    public double? Confidence { get; private set; }

    /// <summary>A closed bar of any timeframe (others are ignored); true when the target changed.</summary>
    public bool OnBar(in BarClose bar, Prediction? prediction = null)
    {
        if (bar.Timeframe != _settings.Timeframe)
            return false;
        var signal = Decide(bar, prediction, out var lots, out var confidence);
        var before = TargetLots;
        if (!_settings.Enabled)
            return SetFlat(TargetReason.Disabled, before);
        _barsSinceSignal++;
        if (signal is Signal.Long or Signal.Short && (signal == Signal.Long || _settings.AllowShort) && lots > 0m)
        {
            var sign = signal == Signal.Long ? 1 : -1;
            _barsSinceSignal = 0;
            if (Math.Sign(TargetLots) != sign)
                Enter(sign * lots, bar, confidence);
            return TargetLots != before;
        }
        if (signal == Signal.Flat && TargetLots != 0m)
            return SetFlat(TargetReason.SignalFlat, before);
        if (TargetLots != 0m && _settings.HoldBars > 0 && _barsSinceSignal >= _settings.HoldBars)
            return SetFlat(TargetReason.HoldingTime, before);
        return false;
    }

    /// <summary>Every quote: true when it hit the stop or take-profit and the target went flat. Cheap when flat.</summary>
    public bool OnQuote(in Tick quote)
    {
        var sign = _side;
        if (sign == 0)
            return false;
        var close = sign > 0 ? quote.Bid : quote.Ask;
        if (StopPrice is { } stop && sign * (close.Units - stop.Units) <= 0)
            return SetFlat(TargetReason.StopLoss, TargetLots);
        if (TakeProfitPrice is { } take && sign * (close.Units - take.Units) >= 0)
            return SetFlat(TargetReason.TakeProfit, TargetLots);
        return false;
    }

    /// <summary>
    /// The strategy's own view of this bar, and for long or short the full size in lots it wants
    /// (on the lot step; 0 means no trade) and the confidence behind it (null for non-AI strategies).
    /// </summary>
    protected abstract Signal Decide(in BarClose bar, Prediction? prediction, out decimal lots, out double? confidence);

    private void Enter(decimal signedLots, in BarClose bar, double? confidence)
    {
        TargetLots = signedLots;
        Reason = TargetReason.Signal;
        Confidence = confidence;
        var atr = bar.Indicators.Atr14;
        var close = bar.Candle.Close.ToDouble();
        var sign = Math.Sign(signedLots);
        StopPrice = Level(close, -sign * _settings.StopAtr * atr);
        TakeProfitPrice = Level(close, sign * _settings.TakeProfitAtr * atr);
    }

    /// <summary>close + offset rounded to the tick; null when the offset is off (0) or unknown (ATR warming up).</summary>
    private Price? Level(double close, double offset)
    {
        if (offset == 0 || !double.IsFinite(offset))
            return null;
        var tick = Instrument.TickSize.Units;
        var units = (long)Math.Round((close + offset) * Price.UnitsPerOne / tick) * tick;
        return units > 0 ? new Price(units) : null;
    }

    private bool SetFlat(TargetReason reason, decimal before)
    {
        if (TargetLots == 0m)
            return false;
        TargetLots = 0m;
        Reason = reason;
        StopPrice = TakeProfitPrice = null;
        Confidence = null;
        return before != 0m;
    }
}
