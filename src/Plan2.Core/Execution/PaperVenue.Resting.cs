using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

// Orders that another venue instance accepted and that this one works from now on: the live paper
// broker answers each order on its arrival quote, and what is left rests in one venue per symbol
// that is shown every later quote (the paper book grain).
public sealed partial class PaperVenue
{
    /// <summary>
    /// Works <paramref name="resting"/> against the quotes shown from now on, in place of earlier terms of the
    /// same order (a replace: a newer version). Terms no newer than those working here change nothing: a repeat
    /// or a late copy must not undo what the venue filled since (that would fill it twice). It is already accepted
    /// and arrived: no second <see cref="OrderAccepted"/>. False for a symbol the venue does not list or an order
    /// with nothing left.
    /// </summary>
    public bool Rest(RestingOrder resting)
    {
        if (!_catalog.TryGet(resting.Symbol, out var instrument) || resting.Filled >= resting.Quantity)
            return false;
        if (Find(resting.OrderId, out var list, out var index))
        {
            if (list[index].Version >= resting.Version)
                return true; // already working on these terms or newer ones
            Remove(list, index);
        }
        // The order keeps its exact expiry whatever its time in force was: GTD with that time says so.
        var request = new OrderRequest
        {
            ClientOrderId = resting.OrderId, AccountId = "", Symbol = resting.Symbol, Side = resting.Side, Type = resting.Type,
            Quantity = resting.Quantity, LimitPrice = resting.Limit, TriggerPrice = resting.Trigger,
            TimeInForce = resting.ExpiresAt is null ? TimeInForce.Gtc : TimeInForce.Gtd, ExpireAt = resting.ExpiresAt,
        };
        var w = new WorkingOrder(new Order(resting.OrderId, request, DateTimeOffset.MinValue), instrument, long.MinValue)
        {
            Filled = resting.Filled, Triggered = resting.Triggered, Accepted = true, Version = resting.Version,
        };
        BookOf(resting.Symbol).Orders.Add(w);
        WorkingCount++;
        return true;
    }

    /// <summary>Stops working an order without an event (its owner records why); false if it was not working here.</summary>
    public bool Withdraw(string orderId)
    {
        if (!Find(orderId, out var list, out var index))
            return false;
        Remove(list, index);
        return true;
    }
}
