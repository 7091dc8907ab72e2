using Plan2.Core.MarketData;
using Plan2.Core.Strategies;

namespace Plan2.Ml.Serving;

/// <summary>
/// The strategies' view of a <see cref="PredictorEngine"/>: the backtester calls it on every closed bar
/// of the models' timeframe, exactly as the PredictorGrain calls the engine live, so both see the same calls.
/// </summary>
public sealed class EnginePredictionSource(PredictorEngine engine) : IPredictionSource
{
    public PredictorEngine Engine => engine;

    public Prediction? OnBar(in BarClose bar) =>
        engine.OnBar(bar.Candle) is { } p ? new Prediction(p.BarTimeMs, p.ProbabilityUp, p.Confidence) : null;
}
