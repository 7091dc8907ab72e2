namespace Plan2.Core.Trading.Orders;

/// <summary>
/// A client order id sent again (a retry after a timeout or a dropped connection) is answered with what placing
/// answered: the same order, never a second one. The same id for another instrument, side or type is another order:
/// answering with the first would tell the client an order it never meant went through, so it is refused.
/// </summary>
public static class ResendRule
{
    /// <summary>Ok when <paramref name="resent"/> is a resend of <paramref name="placed"/>; else <see cref="OrderRefusalReason.ClientOrderIdReused"/>.</summary>
    public static OrderResult Check(string clientOrderId, OrderIdentity placed, OrderIdentity resent) =>
        placed == resent
            ? OrderResult.Ok
            : OrderResult.Refused(OrderRefusalReason.ClientOrderIdReused,
                $"Client order id '{clientOrderId}' already names a {placed.Side} {placed.Type} order for {placed.Symbol}; use a new id for another order.");
}
