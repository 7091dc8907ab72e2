using Plan2.Core.Patterns;

namespace Plan2.Ml.Serving;

/// <summary>One model's say in a prediction: its probability, its weight now, its live accuracy in this regime.</summary>
public sealed record ModelVote(string Name, string Kind, double ProbabilityUp, double Weight, double LiveAccuracy, long Resolved);

/// <summary>The ensemble's call on one closed bar, with the candlestick patterns that bar completed.</summary>
public sealed record PredictionResult(long BarTimeMs, double ProbabilityUp, int Direction, double Confidence, string Regime,
    IReadOnlyList<ModelVote> Votes, double LatencyMicroseconds, double EnsembleLiveAccuracy, long Resolved,
    IReadOnlyDictionary<string, double> BaselineLiveAccuracy, IReadOnlyList<PatternSignal> Patterns);
