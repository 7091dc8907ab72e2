using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Strategies;

/// <summary>
/// Trades the predictor's calls: thresholds on probability and confidence (<see cref="AiStrategySettings"/>),
/// the shared holding, stop and take-profit rules of <see cref="Strategy"/>. A prediction for another
/// bar than the one closing is ignored: acting on a stale call would be acting on old information.
/// </summary>
public sealed class AiStrategy : Strategy
{
    public const string Name = "ai";

    private AiStrategySettings _thresholds;

    public AiStrategy(StrategySettings settings, AiStrategySettings thresholds, Instrument instrument) : base(settings, instrument)
    {
        _thresholds = Checked(thresholds);
    }

    /// <summary>Replaced at run time (the configuration service retunes a live strategy); applies from the next bar.</summary>
    public AiStrategySettings Thresholds
    {
        get => _thresholds;
        set => _thresholds = Checked(value);
    }

    private static AiStrategySettings Checked(AiStrategySettings thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var errors = thresholds.Validate();
        if (errors.Count > 0)
            throw new ArgumentException($"AI strategy thresholds are invalid: {string.Join(" ", errors)}", nameof(thresholds));
        return thresholds;
    }

    protected override Signal Decide(in BarClose bar, Prediction? prediction, out decimal lots, out double? confidence)
    {
        lots = 0m;
        confidence = null;
        if (prediction is not { } p || p.BarTimeMs != bar.Candle.OpenTimeMs || !(p.Confidence >= Thresholds.MinConfidence))
            return Signal.Hold;
        var signal = p.ProbabilityUp >= Thresholds.LongAbove ? Signal.Long
            : p.ProbabilityUp <= Thresholds.ShortBelow ? Signal.Short
            : Signal.Hold;
        if (signal == Signal.Hold)
            return signal;
        confidence = p.Confidence;
        lots = ConfidenceSizer.ScaledLots(Settings.Lots, p.Confidence, Thresholds.ConfidenceFloor, Instrument);
        return signal;
    }
}
