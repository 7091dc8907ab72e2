namespace Plan2.Core.Risk;

/// <summary>
/// Approved, or denied with a typed reason and a sentence for the person who placed the order.
/// A struct, and the sentence is only built on denial, so an approval allocates nothing.
/// </summary>
public readonly record struct RiskDecision(RiskReason Reason, string? Message)
{
    public static RiskDecision Approved => default;

    public bool IsApproved => Reason == RiskReason.None;

    public static RiskDecision Denied(RiskReason reason, string message) => new(reason, message);

    public override string ToString() => IsApproved ? "approved" : $"denied {Reason}: {Message}";
}
