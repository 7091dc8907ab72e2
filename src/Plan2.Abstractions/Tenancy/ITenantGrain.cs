namespace Plan2.Abstractions.Tenancy;

/// <summary>
/// One tenant, keyed by its id (lower-case, e.g. "acme"). Bad input fails with ArgumentException,
/// a request that conflicts with the tenant's state with InvalidOperationException.
/// </summary>
[Alias("plan2.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; fails if it already exists.</summary>
    [Alias("Create")] Task<TenantProfile> CreateAsync(CreateTenant command);

    /// <summary>The tenant, or null when it was never created.</summary>
    [Alias("Get"), ReadOnly] Task<TenantProfile?> GetAsync();

    /// <summary>Adds a user with a role.</summary>
    [Alias("AddUser")] Task<TenantUser> AddUserAsync(string userName, UserRole role);

    /// <summary>The tenant's users in the order they were added.</summary>
    [Alias("ListUsers"), ReadOnly] Task<IReadOnlyList<TenantUser>> ListUsersAsync();

    /// <summary>Gives a user another role; the last admin cannot be demoted.</summary>
    [Alias("ChangeRole")] Task<TenantUser> ChangeUserRoleAsync(string userName, UserRole role);

    /// <summary>Removes a user; the last admin cannot be removed.</summary>
    [Alias("RemoveUser")] Task RemoveUserAsync(string userName);

    /// <summary>Replaces the tenant's settings after validating all of them.</summary>
    [Alias("UpdateSettings")] Task<TenantSettingsView> UpdateSettingsAsync(TenantSettingsView settings);
}
