namespace Plan2.Ml.Lifecycle;

/// <summary>
/// What the scoreboard measured over its window: both sides on the same bars, and the paired
/// difference <c>challengerLoss − championLoss</c> per bar (negative = challenger better) with its
/// standard error, which is what a promotion is decided on.
/// </summary>
public sealed record ShadowEvidence(
    int Window,
    int Horizon,
    int Pairs,
    SideMetrics Champion,
    SideMetrics Challenger,
    double MeanLossDifference,
    double StandardError);
