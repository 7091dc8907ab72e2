using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Endpoints;

/// <summary>Reads a tenant's orders across its registered accounts (or one account), newest first.</summary>
internal static class TenantOrders
{
    public static async Task<IReadOnlyList<string>> AccountsAsync(IGrainFactory grains, string tenant, string? accountId) =>
        accountId is not null ? [accountId] : await grains.GetGrain<ITenantAccountsGrain>(tenant).ListAsync();

    public static async Task<IReadOnlyList<OrderView>> ListAsync(IGrainFactory grains, string tenant, string? accountId, int max)
    {
        var orders = new List<OrderView>();
        foreach (var account in await AccountsAsync(grains, tenant, accountId))
        {
            var ids = await grains.GetGrain<IAccountOrdersGrain>($"{tenant}/{account}").ListOrderIdsAsync(max);
            var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IOrderGrain>($"{tenant}/{id}").GetAsync()));
            orders.AddRange(views.OfType<OrderView>());
        }
        return orders.OrderByDescending(o => o.Audit.Count > 0 ? o.Audit[0].At : DateTimeOffset.MinValue).Take(max).ToList();
    }
}
