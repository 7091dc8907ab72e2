namespace Plan2.Ml.Lifecycle;

/// <summary>Why a decision came out as it did: the first guard that failed, or <see cref="Promoted"/>.</summary>
public enum PromotionReason
{
    Promoted,
    /// <summary>The scoreboard window is shorter than the policy's minimum: it could never promote.</summary>
    WindowTooSmall,
    TooFewPairs,
    /// <summary>The challenger is worse, level, or better by less than the policy's minimum.</summary>
    ImprovementTooSmall,
    /// <summary>Better by enough on average, but not by enough standard errors to rule out luck.</summary>
    NotSignificant,
}
