using Orleans.Concurrency;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Accounts;

/// <summary>
/// The order grains' side of an account: an order that changed on its own (a resting order filled or
/// expired at the venue) hands the account its new view to book. Interleaves: the account may be
/// waiting on another order grain while this one reports.
/// </summary>
[Alias("plan2.IAccountBooking")]
public interface IAccountBooking : IGrainWithStringKey
{
    [Alias("AbsorbOrder"), AlwaysInterleave] Task AbsorbOrderAsync(OrderView order);
}
