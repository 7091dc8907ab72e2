using Plan2.Abstractions.MarketData;

namespace Plan2.Abstractions.Predictions;

/// <summary>
/// The model ensemble for one symbol and timeframe, keyed "SYMBOL/TIMEFRAME" (e.g. "EURUSD/M1"). It
/// observes its instrument's bar closes (a grain observer: well under a millisecond) and predicts on
/// each close of its timeframe.
/// </summary>
[Alias("plan2.IPredictorGrain")]
public interface IPredictorGrain : IGrainWithStringKey, IBarObserver
{
    /// <summary>Subscribes to the instrument (again: subscriptions expire); idempotent.</summary>
    [Alias("Start")] Task StartAsync();

    /// <summary>The most recent predictions, newest first.</summary>
    [Alias("GetRecent"), ReadOnly] Task<IReadOnlyList<PredictionView>> GetRecentAsync(int count);
}

/// <summary>One published prediction: direction, probability, confidence from agreement, each model's vote.</summary>
[GenerateSerializer, Immutable, Alias("plan2.prediction")]
public sealed record PredictionView(
    [property: Id(0)] string Symbol,
    [property: Id(1)] string Timeframe,
    [property: Id(2)] long BarTimeUnixMs,
    [property: Id(3)] double ProbabilityUp,
    [property: Id(4)] int Direction,
    [property: Id(5)] double Confidence,
    [property: Id(6)] string Regime,
    [property: Id(7)] IReadOnlyList<ModelVoteView> Votes,
    [property: Id(8)] double LatencyMicroseconds,
    [property: Id(9)] double EnsembleLiveAccuracy,
    [property: Id(10)] long Resolved,
    [property: Id(11)] IReadOnlyDictionary<string, double> BaselineLiveAccuracy,
    [property: Id(12)] IReadOnlyList<PatternView> Patterns,
    [property: Id(13)] string ChampionVersion,
    [property: Id(14)] string? ChallengerVersion,
    [property: Id(15)] int ShadowPairs,
    [property: Id(16)] double ShadowLogLossDifference);

/// <summary>A candlestick pattern the bar completed; Confidence is its measured reliability on this instrument.</summary>
[GenerateSerializer, Immutable, Alias("plan2.pattern")]
public sealed record PatternView(
    [property: Id(0)] string Pattern,
    [property: Id(1)] int Direction,
    [property: Id(2)] double Confidence,
    [property: Id(3)] int Occurrences);

/// <summary>A model's probability of up, its weight and its live accuracy (with the validation accuracy as prior).</summary>
[GenerateSerializer, Immutable, Alias("plan2.model-vote")]
public sealed record ModelVoteView(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] double ProbabilityUp,
    [property: Id(3)] double Weight,
    [property: Id(4)] double LiveAccuracy,
    [property: Id(5)] long Resolved);
