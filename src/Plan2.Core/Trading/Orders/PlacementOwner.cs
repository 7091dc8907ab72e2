namespace Plan2.Core.Trading.Orders;

/// <summary>Which send of a client order id the journal holds as the order's placement.</summary>
public enum PlacementOwner
{
    /// <summary>This send: its append was stored and only the answer failed; the placement goes on (to the venue, into the book).</summary>
    ThisSend = 1,
    /// <summary>An earlier send whose answer was lost: its order, as journaled, is the answer; this placement is dropped.</summary>
    EarlierSend = 2,
}
