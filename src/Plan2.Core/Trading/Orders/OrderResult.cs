namespace Plan2.Core.Trading.Orders;

/// <summary>
/// Applied, or refused with a typed reason and a sentence for a person. Expected refusals are
/// results, not exceptions: a venue resending an event or a user cancelling a filled order is normal.
/// </summary>
public readonly record struct OrderResult(OrderRefusalReason Reason, string? Message)
{
    public static OrderResult Ok => default;

    public bool IsOk => Reason == OrderRefusalReason.None;

    public static OrderResult Refused(OrderRefusalReason reason, string message) => new(reason, message);

    public override string ToString() => IsOk ? "ok" : $"{Reason}: {Message}";
}
