namespace Plan2.Core.Strategies;

/// <summary>
/// What a predictor said about the bar that opened at <see cref="BarTimeMs"/>: the probability the
/// price is higher <c>horizon</c> bars later, and how much the models agree (0 split, 1 unanimous).
/// Plan2.Ml produces it live and in backtest alike; Core only reads it.
/// </summary>
public readonly record struct Prediction(long BarTimeMs, double ProbabilityUp, double Confidence);
