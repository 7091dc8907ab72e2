using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Accounts;

// A resend of a client order id (a client's retry after a timeout or a dropped connection) is answered with
// what placing answered: the same order and, for a risk denial, the same code and sentence, rebuilt from the
// order itself (journaled as "CODE: sentence"), so the answer does not depend on which send got through.
public sealed partial class AccountGrain
{
    private async Task<OrderOutcome> ResendOutcomeAsync(PlaceOrder resent)
    {
        if (await OrderGrain(resent.ClientOrderId).GetAsync() is not { } placed)
            return new OrderOutcome(null, "UnknownOrder", $"Account '{AccountId}' lists order '{resent.ClientOrderId}' but its journal does not.", Duplicate: true);
        // The same id for another instrument, side or kind is another order, not a resend: answering with the first
        // would tell the client an order it never meant went through. (Quantity and prices may differ: a replace changes them.)
        if (placed.Symbol != resent.Symbol || placed.Side != resent.Side || placed.Type != resent.Type)
            return new OrderOutcome(placed, nameof(Core.Trading.Orders.OrderRefusalReason.ClientOrderIdReused),
                $"Client order id '{resent.ClientOrderId}' already names a {placed.Side} {placed.Type} order for {placed.Symbol}; use a new id for another order.", Duplicate: true);
        return PlacementOutcome(placed, Duplicate: true);
    }

    /// <summary>The answer placing gives for <paramref name="order"/>: refused with risk's code when risk denied it, else not refused.</summary>
    internal static OrderOutcome PlacementOutcome(OrderView order, bool Duplicate)
    {
        if (order.State != OrderState.Denied)
            return new OrderOutcome(order, Duplicate: Duplicate);
        var reason = order.LastReason ?? "";
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var code = colon > 0 ? reason[..colon] : "Denied";
        var message = colon > 0 ? reason[(colon + 2)..] : reason;
        return new OrderOutcome(order, code, message.Length == 0 ? null : message, Duplicate);
    }
}
