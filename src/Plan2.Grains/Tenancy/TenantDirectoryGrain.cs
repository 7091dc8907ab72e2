using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Tenancy;

[GenerateSerializer, Alias("plan2.tenant-directory-state")]
public sealed class TenantDirectoryState
{
    [Id(0)] public List<string> TenantIds { get; set; } = [];
}

/// <summary>The list of tenant ids, in the order they were created.</summary>
public sealed class TenantDirectoryGrain(
    [PersistentState("tenants", StorageNames.GrainState)] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public async Task AddAsync(string tenantId)
    {
        if (state.State.TenantIds.Contains(tenantId))
            return;
        state.State.TenantIds.Add(tenantId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.TenantIds]);
}
