namespace Plan2.Core.Trading.Orders;

/// <summary>
/// The order state machine: every legal move is one row here, anything else is refused.
/// A pending request (update or cancel) that is confirmed-rejected, or an update that is confirmed,
/// returns the order to where it was before the request: <c>resume</c>, which the order derives
/// from its own facts (filled something: PartiallyFilled; triggered: Triggered; else Accepted), so
/// no "previous status" is stored. A fill or trigger during a pending request keeps the request
/// pending: the venue has yet to answer it.
/// </summary>
public static class OrderStateTable
{
    public static bool TryNext(OrderStatus from, OrderEventKind kind, OrderStatus resume, out OrderStatus to)
    {
        const OrderStatus none = 0;
        to = (from, kind) switch
        {
            (OrderStatus.Initialized, OrderEventKind.Deny) => OrderStatus.Denied,
            (OrderStatus.Initialized, OrderEventKind.Submit) => OrderStatus.Submitted,
            // Withdrawn before it was sent: no venue involved.
            (OrderStatus.Initialized, OrderEventKind.Cancel) => OrderStatus.Canceled,

            (OrderStatus.Submitted, OrderEventKind.Accept) => OrderStatus.Accepted,
            (OrderStatus.Submitted, OrderEventKind.Reject) => OrderStatus.Rejected,
            // Market, IOC and FOK orders may fill or die before any acknowledgement arrives.
            (OrderStatus.Submitted, OrderEventKind.FillPart) => OrderStatus.PartiallyFilled,
            (OrderStatus.Submitted, OrderEventKind.FillRest) => OrderStatus.Filled,
            (OrderStatus.Submitted, OrderEventKind.Cancel) => OrderStatus.Canceled,
            (OrderStatus.Submitted, OrderEventKind.Expire) => OrderStatus.Expired,

            (OrderStatus.Accepted, OrderEventKind.RequestUpdate) => OrderStatus.PendingUpdate,
            (OrderStatus.Accepted, OrderEventKind.RequestCancel) => OrderStatus.PendingCancel,
            (OrderStatus.Accepted, OrderEventKind.Trigger) => OrderStatus.Triggered,
            (OrderStatus.Accepted, OrderEventKind.FillPart) => OrderStatus.PartiallyFilled,
            (OrderStatus.Accepted, OrderEventKind.FillRest) => OrderStatus.Filled,
            (OrderStatus.Accepted, OrderEventKind.Cancel) => OrderStatus.Canceled,
            (OrderStatus.Accepted, OrderEventKind.Expire) => OrderStatus.Expired,

            (OrderStatus.Triggered, OrderEventKind.RequestUpdate) => OrderStatus.PendingUpdate,
            (OrderStatus.Triggered, OrderEventKind.RequestCancel) => OrderStatus.PendingCancel,
            (OrderStatus.Triggered, OrderEventKind.FillPart) => OrderStatus.PartiallyFilled,
            (OrderStatus.Triggered, OrderEventKind.FillRest) => OrderStatus.Filled,
            (OrderStatus.Triggered, OrderEventKind.Cancel) => OrderStatus.Canceled,
            (OrderStatus.Triggered, OrderEventKind.Expire) => OrderStatus.Expired,

            (OrderStatus.PartiallyFilled, OrderEventKind.RequestUpdate) => OrderStatus.PendingUpdate,
            (OrderStatus.PartiallyFilled, OrderEventKind.RequestCancel) => OrderStatus.PendingCancel,
            (OrderStatus.PartiallyFilled, OrderEventKind.FillPart) => OrderStatus.PartiallyFilled,
            (OrderStatus.PartiallyFilled, OrderEventKind.FillRest) => OrderStatus.Filled,
            (OrderStatus.PartiallyFilled, OrderEventKind.Cancel) => OrderStatus.Canceled,
            (OrderStatus.PartiallyFilled, OrderEventKind.Expire) => OrderStatus.Expired,

            (OrderStatus.PendingUpdate, OrderEventKind.Update) => resume,
            (OrderStatus.PendingUpdate, OrderEventKind.RejectUpdate) => resume,
            (OrderStatus.PendingUpdate, OrderEventKind.RequestCancel) => OrderStatus.PendingCancel,
            (OrderStatus.PendingUpdate, OrderEventKind.Trigger) => OrderStatus.PendingUpdate,
            (OrderStatus.PendingUpdate, OrderEventKind.FillPart) => OrderStatus.PendingUpdate,
            (OrderStatus.PendingUpdate, OrderEventKind.FillRest) => OrderStatus.Filled,
            (OrderStatus.PendingUpdate, OrderEventKind.Cancel) => OrderStatus.Canceled,
            (OrderStatus.PendingUpdate, OrderEventKind.Expire) => OrderStatus.Expired,

            (OrderStatus.PendingCancel, OrderEventKind.RejectCancel) => resume,
            (OrderStatus.PendingCancel, OrderEventKind.Trigger) => OrderStatus.PendingCancel,
            (OrderStatus.PendingCancel, OrderEventKind.FillPart) => OrderStatus.PendingCancel,
            (OrderStatus.PendingCancel, OrderEventKind.FillRest) => OrderStatus.Filled,
            (OrderStatus.PendingCancel, OrderEventKind.Cancel) => OrderStatus.Canceled,
            (OrderStatus.PendingCancel, OrderEventKind.Expire) => OrderStatus.Expired,

            _ => none,
        };
        return to != none;
    }
}
