namespace Plan2.Core.Trading.Positions;

/// <summary>
/// What one booked fill did: the position it reduced (with the lots closed and the P&amp;L realised,
/// in account currency) and/or the position it opened or grew. A netting reversal does both: it
/// closes the old ticket and opens a new one with the rest.
/// </summary>
public readonly record struct PositionChange(
    long? ReducedTicket,
    decimal ClosedQuantity,
    decimal RealizedPnl,
    bool ReducedToZero,
    long? OpenedTicket,
    decimal OpenedQuantity);
