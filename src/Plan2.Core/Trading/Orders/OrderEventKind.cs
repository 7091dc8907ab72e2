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
