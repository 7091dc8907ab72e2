using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

// DAY and GTD orders end on time even when no quote comes (a quiet market, the weekend): the owner of
// a live book sets an alarm at NextExpiry and calls ExpireDue when it rings. A replay needs neither: its
// quotes carry the time, and the first one at or after an expiry ends the order as before.
public sealed partial class PaperVenue
{
    /// <summary>The earliest expiry among working orders, all symbols; null when none expires.</summary>
    public DateTimeOffset? NextExpiry
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var book in _bySymbol.Values)
                foreach (var w in book.Orders)
                    if (w.ExpiresAt is { } at && (next is null || at < next))
                        next = at;
            return next;
        }
    }

    /// <summary>Expires every working order whose expiry is at or before <paramref name="now"/> (<see cref="OrderExpired"/> at its expiry).</summary>
    public void ExpireDue(DateTimeOffset now, List<OrderEvent> events)
    {
        foreach (var book in _bySymbol.Values)
        {
            var list = book.Orders;
            var kept = 0;
            for (var i = 0; i < list.Count; i++)
            {
                var w = list[i];
                if (w.ExpiresAt is { } at && at <= now)
                {
                    events.Add(new OrderExpired(w.OrderId, at));
                    WorkingCount--;
                }
                else
                    list[kept++] = w;
            }
            list.RemoveRange(kept, list.Count - kept);
        }
    }
}
