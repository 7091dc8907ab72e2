namespace Plan2.Core.Trading.Orders;

/// <summary>
/// A placement's first journal entry as the journal keeps it: its sequence in the order's stream, its time (to the
/// microsecond) and its kind. Two sends of one client order id never share all three.
/// </summary>
public readonly record struct PlacementMark(int Sequence, DateTimeOffset At, string Kind);
