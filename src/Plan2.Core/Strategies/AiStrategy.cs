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

    public AiStrategy(StrategySettings settings, AiStrategySettings thresholds, Instrument instrument) : base(settings, instrument)
    {
        var errors = thresholds.Validate();
        if (errors.Count > 0)
            throw new ArgumentException($"AI strategy thresholds are invalid: {string.Join(" ", errors)}", nameof(thresholds));
        Thresholds = thresholds;
    }

    public AiStrategySettings Thresholds { get; }

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
