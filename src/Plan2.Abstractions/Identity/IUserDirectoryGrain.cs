namespace Plan2.Abstractions.Identity;

/// <summary>
/// Which tenant an email belongs to, keyed by the email in lower case: sign-in names only an email, and
/// an email belongs to one tenant at most. Claimed by the tenant grain when it adds a user.
/// </summary>
[Alias("plan2.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Claims the email for a tenant; false when another tenant holds it.</summary>
    [Alias("Claim")] Task<bool> ClaimAsync(string tenantId);

    /// <summary>Frees the email if this tenant holds it.</summary>
    [Alias("Release")] Task ReleaseAsync(string tenantId);

    /// <summary>The tenant holding the email, or null.</summary>
    [Alias("Find"), ReadOnly] Task<string?> FindTenantAsync();
}
