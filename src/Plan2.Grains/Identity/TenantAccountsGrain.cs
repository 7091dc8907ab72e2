using System.Text.Json.Serialization;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Identity;

/// <summary>The account ids a tenant trades through the API: a durable, ordered, duplicate-free list.</summary>
public sealed class TenantAccountsGrain(
    [PersistentState("tenant-accounts", StorageNames.GrainState)] IPersistentState<TenantAccountsState> state) : Grain, ITenantAccountsGrain
{
    async Task ITenantAccountsGrain.RegisterAsync(string accountId)
    {
        if (state.State.AccountIds.Contains(accountId))
            return;
        state.State = new TenantAccountsState { AccountIds = [.. state.State.AccountIds, accountId] };
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<string>> ITenantAccountsGrain.ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.AccountIds);
}

[GenerateSerializer, Alias("plan2.tenant-accounts-state.v1")]
public sealed class TenantAccountsState
{
    [Id(0), JsonPropertyName("accountIds")] public List<string> AccountIds { get; set; } = [];
}
