namespace Plan2.Abstractions.Predictions;

/// <summary>
/// The model ensemble for one symbol and timeframe, keyed "SYMBOL/TIMEFRAME" (e.g. "EURUSD/M1").
/// Its behaviour arrives with the live-predictions work; until then no implementation is registered.
/// </summary>
[Alias("plan2.IPredictorGrain")]
public interface IPredictorGrain : IGrainWithStringKey
{
    /// <summary>The most recent predictions, newest first.</summary>
    [Alias("GetRecent"), ReadOnly] Task<IReadOnlyList<Prediction>> GetRecentAsync(int count);
}

/// <summary>One published prediction: direction probability and how much the models agreed.</summary>
[GenerateSerializer, Immutable, Alias("plan2.prediction")]
public sealed record Prediction(
    [property: Id(0)] string Symbol,
    [property: Id(1)] string Timeframe,
    [property: Id(2)] DateTimeOffset BarTime,
    [property: Id(3)] double ProbabilityUp,
    [property: Id(4)] double Confidence);
