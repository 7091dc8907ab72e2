namespace Plan2.Core.Patterns;

/// <summary>
/// A pattern's resolved track record on one instrument. A hit is a close <see cref="PatternReliability.Horizon"/>
/// bars later on the predicted side of the pattern's close, a miss on the other side; an unchanged close is
/// neither, since it says nothing about direction, and counting it as a miss would put even a coin below ½.
/// </summary>
public readonly record struct PatternStats(int Occurrences, int Hits, int Misses)
{
    /// <summary>Outcomes that moved one way or the other.</summary>
    public int Decided => Hits + Misses;

    /// <summary>Plain hit rate; NaN before any decided outcome.</summary>
    public double HitRate => Decided == 0 ? double.NaN : (double)Hits / Decided;

    /// <summary>
    /// Laplace's rule, the mean of a Beta(1,1) prior updated by the outcomes: (hits + 1) / (decided + 2).
    /// Starts at ½ and needs many outcomes to move, so three hits in three read as 0.8, not 100 %.
    /// </summary>
    public double Reliability => (Hits + 1.0) / (Decided + 2.0);
}
