using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

// A resend of a client order id (a client's retry after a timeout or a dropped connection) is answered with
// what placing answered (the rules: Core's ResendRule and DeniedReason), rebuilt from the order itself, so the
// answer does not depend on which send got through.
public sealed partial class AccountGrain
{
    private async Task<OrderOutcome> ResendOutcomeAsync(PlaceOrder resent)
    {
        if (await OrderGrain(resent.ClientOrderId).GetAsync() is not { } placed)
            return new OrderOutcome(null, "UnknownOrder", $"Account '{AccountId}' lists order '{resent.ClientOrderId}' but its journal does not.", Duplicate: true);
        return ResendOutcome(placed, resent);
    }

    /// <summary>The answer to <paramref name="resent"/>, a resend of the order <paramref name="placed"/>.</summary>
    private static OrderOutcome ResendOutcome(OrderView placed, PlaceOrder resent)
    {
        var check = ResendRule.Check(resent.ClientOrderId, Identity(placed.Symbol, placed.Side, placed.Type), Identity(resent.Symbol, resent.Side, resent.Type));
        return check.IsOk ? PlacementOutcome(placed, Duplicate: true) : new OrderOutcome(placed, check.Reason.ToString(), check.Message, Duplicate: true);
    }

    /// <summary>The answer placing gives for <paramref name="order"/>: refused with risk's code when risk denied it, else not refused.</summary>
    internal static OrderOutcome PlacementOutcome(OrderView order, bool Duplicate)
    {
        if (order.State != OrderState.Denied)
            return new OrderOutcome(order, Duplicate: Duplicate);
        var (code, message) = DeniedReason.Parse(order.LastReason);
        return new OrderOutcome(order, code, message, Duplicate);
    }

    private static OrderIdentity Identity(string symbol, TradeSide side, TradeOrderType type) => new(symbol, (OrderSide)side, (OrderType)type);
}
