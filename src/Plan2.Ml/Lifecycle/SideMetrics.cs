namespace Plan2.Ml.Lifecycle;

/// <summary>
/// One side's results over the scoreboard window: accuracy (threshold 0.5, as the engine calls
/// direction), log loss in nats (a coin flip scores 0.69315) and Brier score. NaN while empty.
/// </summary>
public sealed record SideMetrics(int Resolved, double Accuracy, double LogLoss, double Brier);
