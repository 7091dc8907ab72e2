using Orleans.Concurrency;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Identity;

/// <summary>Reads an account's order ids from the journal (the record of every order); keeps nothing itself.</summary>
[StatelessWorker]
public sealed class AccountOrdersGrain(IOrderJournal journal) : Grain, IAccountOrdersGrain
{
    async Task<IReadOnlyList<string>> IAccountOrdersGrain.ListOrderIdsAsync(int max)
    {
        var key = this.GetPrimaryKeyString();
        var (tenant, account) = (OrderKeys.Tenant(key), OrderKeys.AccountId(key));
        var entries = await journal.ReadAccountAsync(tenant, account);
        return entries.Where(e => e.StreamId != account).Select(e => e.StreamId)
            .Reverse().Distinct().Take(Math.Clamp(max, 0, 10_000)).ToList();
    }
}
