namespace Plan2.Core.Trading.Orders;

/// <summary>
/// What an event does to an order, the column of <see cref="OrderStateTable"/>. A fill is
/// <see cref="FillPart"/> or <see cref="FillRest"/> depending on whether it leaves quantity open.
/// </summary>
public enum OrderEventKind : byte
{
    Deny = 1,
    Submit,
    Accept,
    Reject,
    RequestUpdate,
    RequestCancel,
    Update,
    RejectUpdate,
    RejectCancel,
    Trigger,
    FillPart,
    FillRest,
    Cancel,
    Expire,
}

public static class OrderEventKindText
{
    /// <summary>What the event would do, in words that finish "the order cannot …" (refusals are read by traders and integrators).</summary>
    public static string AsAction(this OrderEventKind kind) => kind switch
    {
        OrderEventKind.Deny => "be denied",
        OrderEventKind.Submit => "be submitted",
        OrderEventKind.Accept => "be accepted",
        OrderEventKind.Reject => "be rejected",
        OrderEventKind.RequestUpdate => "be replaced",
        OrderEventKind.RequestCancel => "be canceled",
        OrderEventKind.Update => "take a replacement",
        OrderEventKind.RejectUpdate => "have a replacement refused",
        OrderEventKind.RejectCancel => "have a cancel refused",
        OrderEventKind.Trigger => "be triggered",
        OrderEventKind.FillPart or OrderEventKind.FillRest => "be filled",
        OrderEventKind.Cancel => "be canceled",
        OrderEventKind.Expire => "expire",
        _ => kind.ToString(),
    };
}
