using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Api.Auth;
using Plan2.Api.Endpoints;
using Plan2.Core.Identity;

namespace Plan2.Web.Services.Administration;

/// <summary>
/// The administration pages' way to the tenant grains, for the signed-in user: tenants and quotas (platform
/// admins), the acting tenant's users, roles, API keys and Telegram links (tenant admins). Every method checks
/// the role here on the server, whatever the page shows; bad input fails with ArgumentException and a clear message.
/// </summary>
public sealed class AdministrationService(IGrainFactory grains, DashboardUser user, TenantQuotas quotas)
{
    private ITenantGrain Tenant => grains.GetGrain<ITenantGrain>(user.TenantId);
    private ITenantIdentityGrain Identity => grains.GetGrain<ITenantIdentityGrain>(user.TenantId);
    private ITelegramDirectoryGrain Telegram => grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);

    public async Task<IReadOnlyList<TenantProfile>> ListTenantsAsync()
    {
        RequirePlatformAdmin();
        var ids = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync();
        var profiles = await Task.WhenAll(ids.Select(id => grains.GetGrain<ITenantGrain>(id).GetAsync()));
        return [.. profiles.OfType<TenantProfile>()];
    }

    public async Task<string> CreateTenantAsync(string? name)
    {
        RequirePlatformAdmin();
        var created = await TenantEndpoints.CreateTenantAsync(grains, name, null) ?? throw new ArgumentException(TenantEndpoints.TenantNameRule);
        return created.Id;
    }

    /// <summary>Replaces a tenant's quotas; the API's rate limiter takes the new request quota at once.</summary>
    public async Task<TenantSettingsView> UpdateQuotasAsync(string tenantId, TenantSettingsView settings)
    {
        RequirePlatformAdmin();
        var updated = await grains.GetGrain<ITenantGrain>(tenantId).UpdateSettingsAsync(settings);
        quotas.Forget(tenantId);
        return updated;
    }

    /// <summary>The acting tenant's members with their sign-in facts (second factor, password state) where they have a password.</summary>
    public async Task<IReadOnlyList<MemberRow>> ListMembersAsync()
    {
        RequireAdmin();
        var members = await Tenant.ListUsersAsync();
        var accounts = (await Identity.ListUserAccountsAsync()).ToDictionary(a => a.Email, StringComparer.OrdinalIgnoreCase);
        return [.. members.Select(m => new MemberRow(m, accounts.GetValueOrDefault(m.UserName)))];
    }

    public async Task<UserAccountView> CreateUserAsync(string? email, string? password, UserRole role, bool mustChangePassword)
    {
        RequireAdmin();
        if (!IdentityRules.IsValidEmail(email?.Trim()))
            throw new ArgumentException("Give a valid email address (letters, digits and . _ - + @).");
        if (IdentityRules.Default.CheckPassword(password) is { } weak)
            throw new ArgumentException(weak);
        return await Identity.RegisterUserAsync(new NewUser(email!.Trim(), password!, role, mustChangePassword));
    }

    public Task<TenantUser> ChangeRoleAsync(string email, UserRole role)
    {
        RequireAdmin();
        return Tenant.ChangeUserRoleAsync(email, role);
    }

    public Task RemoveUserAsync(string email)
    {
        RequireAdmin();
        if (string.Equals(email, user.DisplayName, StringComparison.OrdinalIgnoreCase) && user.TenantId == user.OwnTenantId)
            throw new ArgumentException("You cannot remove yourself.");
        return Tenant.RemoveUserAsync(email);
    }

    public Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync()
    {
        RequireAdmin();
        return Identity.ListApiKeysAsync();
    }

    /// <summary>A new key; its secret is in the answer only (shown once).</summary>
    public Task<ApiKeyCreated> CreateApiKeyAsync(string? name, UserRole role)
    {
        RequireAdmin();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            throw new ArgumentException("Give the key a name of 1-100 characters.");
        return Identity.CreateApiKeyAsync(name.Trim(), role, user.UserId);
    }

    public Task<bool> RevokeApiKeyAsync(string keyId)
    {
        RequireAdmin();
        return Identity.RevokeApiKeyAsync(keyId, user.UserId);
    }

    /// <summary>A one-time code a member sends to the bot as "/start CODE" to link a chat to them.</summary>
    public Task<TelegramLinkCode> IssueTelegramCodeAsync(TenantUser member)
    {
        RequireAdmin();
        return Telegram.IssueCodeAsync(user.TenantId, member.UserName, member.Role);
    }

    public Task<IReadOnlyList<TelegramLink>> ListTelegramLinksAsync()
    {
        RequireAdmin();
        return Telegram.LinksAsync(user.TenantId);
    }

    private void RequireAdmin()
    {
        if (!user.Has(UserRole.Admin))
            throw new UnauthorizedAccessException($"{user.DisplayName} is a {user.Role}: administration is for tenant admins.");
    }

    private void RequirePlatformAdmin()
    {
        if (!user.IsPlatformAdmin)
            throw new UnauthorizedAccessException($"{user.DisplayName} is not a platform admin.");
    }
}

/// <summary>A member of the tenant; Account is null for a member without a password (added by a grain call, not signed in here).</summary>
public sealed record MemberRow(TenantUser Member, UserAccountView? Account);
