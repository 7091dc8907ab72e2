using Plan2.Abstractions.Tenancy;

namespace Plan2.Abstractions.Identity;

/// <summary>
/// The sign-in side of a tenant, keyed by tenant id like <see cref="ITenantGrain"/> (the same activation):
/// users' passwords, second factor and lockout, API keys, and the tenant's security log. Secrets never
/// leave the grain: passwords, recovery codes and keys are stored hashed and checked here. Bad input
/// fails with ArgumentException, a conflict with the state with InvalidOperationException.
/// </summary>
[Alias("plan2.ITenantIdentityGrain")]
public interface ITenantIdentityGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant with no admin of its own yet (the platform's admins add its users); fails if it exists.</summary>
    [Alias("CreateManaged")] Task<TenantProfile> CreateManagedAsync(string displayName, TenantSettingsView? settings);

    /// <summary>Adds a user who signs in with email and password (the email becomes the user name).</summary>
    [Alias("Register")] Task<UserAccountView> RegisterUserAsync(NewUser user);

    /// <summary>Checks a password (and a TOTP or recovery code when the user enrolled one); counts failures and locks out.</summary>
    [Alias("SignIn")] Task<SignInOutcome> SignInAsync(string email, string password, string? code);

    /// <summary>A user by id, null when there is none (removed, erased, or never existed).</summary>
    [Alias("GetUser"), ReadOnly] Task<UserAccountView?> GetUserAsync(string userId);

    /// <summary>Every member who signs in with a password, with their role and second-factor status.</summary>
    [Alias("ListUserAccounts"), ReadOnly] Task<IReadOnlyList<UserAccountView>> ListUserAccountsAsync();

    /// <summary>Replaces a password after checking the current one; clears a must-change flag.</summary>
    [Alias("ChangePassword")] Task ChangePasswordAsync(string userId, string currentPassword, string newPassword);

    /// <summary>Starts TOTP enrolment: a new secret, active only once confirmed with a code.</summary>
    [Alias("BeginTotp")] Task<TotpEnrolment> BeginTotpEnrolmentAsync(string userId);

    /// <summary>Confirms enrolment with a code from the authenticator; returns the one-time recovery codes (shown once).</summary>
    [Alias("ConfirmTotp")] Task<IReadOnlyList<string>> ConfirmTotpAsync(string userId, string code);

    /// <summary>
    /// Creates an API key with a role no higher than its creator's (a member of the tenant, or a platform admin, who
    /// counts as its admin); any other creator is refused with <see cref="UnauthorizedAccessException"/>. The secret is in the answer only.
    /// </summary>
    [Alias("CreateApiKey")] Task<ApiKeyCreated> CreateApiKeyAsync(string name, UserRole role, string createdBy);

    [Alias("ListApiKeys"), ReadOnly] Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync();

    /// <summary>Revokes a key at once; false when the tenant has no such key.</summary>
    [Alias("RevokeApiKey")] Task<bool> RevokeApiKeyAsync(string keyId, string revokedBy);

    /// <summary>The key's role when the secret matches an active key (its last-used time is updated), otherwise null.</summary>
    [Alias("AuthenticateApiKey")] Task<ApiKeyView?> AuthenticateApiKeyAsync(string keyId, string secret);

    /// <summary>Records a security event the edge observed (e.g. a refresh token reused).</summary>
    [Alias("Record")] Task RecordAsync(string kind, string? userId, string detail);

    /// <summary>The newest security events first.</summary>
    [Alias("SecurityLog"), ReadOnly] Task<IReadOnlyList<SecurityEventView>> GetSecurityLogAsync(int count);

    /// <summary>Everything the tenant keeps about one user (GDPR access).</summary>
    [Alias("ExportUser"), ReadOnly] Task<UserDataExport?> ExportUserAsync(string userId);

    /// <summary>
    /// Erases a user (GDPR): membership, credentials, their API keys, and their email wherever the log named it.
    /// The user id stays in trails (orders record ids, not people), so the trail survives with the person removed.
    /// </summary>
    [Alias("EraseUser")] Task EraseUserAsync(string userId);
}
