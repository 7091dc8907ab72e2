namespace Plan2.Abstractions.Tenancy;

/// <summary>
/// Every tenant's id, in one grain (key <see cref="Key"/>): what platform admins pick from. Tenant grains
/// enter themselves when created; a tenant is never listed twice.
/// </summary>
[Alias("plan2.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Add")] Task AddAsync(string tenantId);

    [Alias("List"), ReadOnly] Task<IReadOnlyList<string>> ListAsync();
}
