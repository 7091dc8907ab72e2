namespace Plan2.Ml.Lifecycle;

/// <summary>A policy's verdict on a scoreboard, with the rule applied and the numbers it saw.</summary>
public sealed record PromotionDecision(
    PromotionOutcome Outcome,
    PromotionReason Reason,
    string Explanation,
    PromotionPolicy Policy,
    ShadowEvidence Evidence)
{
    public bool Promote => Outcome == PromotionOutcome.Promote;
}
