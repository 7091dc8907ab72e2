using Plan2.Core.MarketData;

namespace Plan2.Core.Strategies;

/// <summary>
/// Predictions on closed bars. Plan2.Ml implements it with the ONNX models (the same engine the
/// PredictorGrain runs); null while the models warm up or for a bar they do not predict on.
/// </summary>
public interface IPredictionSource
{
    Prediction? OnBar(in BarClose bar);
}
