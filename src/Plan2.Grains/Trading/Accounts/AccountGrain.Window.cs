using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

// The account remembers its open orders and the last closed ones by id (Core OrderWindow); a cancel, replace, resend or
// venue report naming an older one asks that order's grain (rebuilt from its journal stream), so it gets the answer it
// always got: a resend the order as placed, never a second order.
public sealed partial class AccountGrain
{
    /// <summary>Whether <paramref name="clientOrderId"/> names an order of this account that it booked and forgot.</summary>
    private async Task<bool> ForgottenAsync(string clientOrderId)
    {
        if (_window.ForgottenUpTo is null || !OrderKeys.IsValidClientOrderId(clientOrderId) || _window.Knows(clientOrderId))
            return false; // nothing forgotten yet: a new id costs no extra call
        return await OrderGrain(clientOrderId).GetAsync() is { } order && _window.IsForgotten(clientOrderId, PlacedAt(order));
    }
}
