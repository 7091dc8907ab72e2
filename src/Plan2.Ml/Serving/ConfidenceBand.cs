namespace Plan2.Ml.Serving;

/// <summary>
/// Where a strategy reads a prediction's confidence: only when its probability of up is at or above
/// <see cref="LongAbove"/> or at or below <see cref="ShortBelow"/> (the AI strategy holds in between whatever the
/// confidence). A backtest gives it to its engine, which then scores the members that have no weight in the
/// ensemble (they count only in the agreement) only for bars outside the band; inside, confidence is NaN.
/// </summary>
public readonly record struct ConfidenceBand(double ShortBelow, double LongAbove)
{
    public bool Needs(double probabilityUp) => probabilityUp >= LongAbove || probabilityUp <= ShortBelow;
}
