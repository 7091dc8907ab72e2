namespace Plan2.Core.Trading.Orders;

/// <summary>Where an order is in its life. Moves only through <see cref="OrderStateTable"/>.</summary>
public enum OrderStatus : byte
{
    /// <summary>Created by us, not yet checked or sent.</summary>
    Initialized = 1,
    /// <summary>Refused by our own pre-trade risk; never reached a venue.</summary>
    Denied,
    /// <summary>Sent to the venue, no answer yet.</summary>
    Submitted,
    /// <summary>Working at the venue.</summary>
    Accepted,
    /// <summary>Refused by the venue.</summary>
    Rejected,
    /// <summary>A modification was sent and is not yet confirmed.</summary>
    PendingUpdate,
    /// <summary>A cancel was sent and is not yet confirmed.</summary>
    PendingCancel,
    /// <summary>A stop or stop-limit whose trigger price was touched.</summary>
    Triggered,
    PartiallyFilled,
    Filled,
    Canceled,
    Expired,
}

public static class OrderStatusExtensions
{
    /// <summary>No event can move the order any further.</summary>
    public static bool IsClosed(this OrderStatus status) =>
        status is OrderStatus.Denied or OrderStatus.Rejected or OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired;

    /// <summary>Live at a venue: counts towards the open-orders limit and may still fill.</summary>
    public static bool IsWorking(this OrderStatus status) =>
        status is OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.PendingUpdate or OrderStatus.PendingCancel
            or OrderStatus.Triggered or OrderStatus.PartiallyFilled;
}
