namespace Plan2.Core.Trading.Orders;

/// <summary>
/// A placement whose first journal append failed, while the order's stream holds entries: either the append reached
/// the journal and only its answer was lost (a connection dropped after the commit), or an earlier send of the same
/// client order id placed the order and the journal's key refused this one. The stored first entry tells them apart.
/// </summary>
public static class PlacementRule
{
    /// <param name="appended">The first entry this send appended; null when it appended none.</param>
    /// <param name="storedFirst">The first entry the journal holds for the order.</param>
    public static PlacementOwner Owner(PlacementMark? appended, PlacementMark storedFirst) =>
        appended == storedFirst ? PlacementOwner.ThisSend : PlacementOwner.EarlierSend;
}
