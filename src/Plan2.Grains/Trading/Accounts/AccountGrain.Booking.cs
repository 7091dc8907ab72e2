using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Accounts;

// Fills and state changes an order reports on its own, after the call that placed it returned.
public sealed partial class AccountGrain : IAccountBooking
{
    Task IAccountBooking.AbsorbOrderAsync(OrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_ledger is not null && Absorb(order))
            Tell(order); // a resting order's fill or expiry reaches its owner like an immediate one
        return Task.CompletedTask;
    }
}
