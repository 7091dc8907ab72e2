using System.Security.Claims;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Web.Identity;

namespace Plan2.Web.Services;

/// <summary>
/// Who is using this circuit and which tenant account they act on, read from the sign-in cookie's claims
/// (<see cref="DashboardPrincipal"/>). Every page asks only this type. A platform admin may act on another
/// tenant (the tenant switcher); everyone acts on one of their tenant's accounts (the account switcher).
/// </summary>
public sealed class DashboardUser(string userId, string email, UserRole role, bool isPlatformAdmin, string ownTenantId, string tenantId, string accountId)
{
    public string UserId { get; } = userId;
    public string DisplayName { get; } = email;
    public UserRole Role { get; } = role;
    public bool IsPlatformAdmin { get; } = isPlatformAdmin;

    /// <summary>The tenant the user belongs to (the platform admins': "platform").</summary>
    public string OwnTenantId { get; } = ownTenantId;

    /// <summary>The tenant the pages show and act on: the own one, or the one a platform admin switched to.</summary>
    public string TenantId { get; } = tenantId;

    public string AccountId { get; } = accountId;

    public bool IsSignedIn => UserId.Length > 0;

    /// <summary>The account grain's key, "TENANT/ACCOUNT".</summary>
    public string AccountKey => $"{TenantId}/{AccountId}";

    /// <summary>Audit trails name the user's opaque id, as the API does, so erasing a person keeps the trail.</summary>
    public Actor Actor => Actor.User(UserId);

    public bool Has(UserRole least) => IsSignedIn && Role >= least;

    /// <summary>Traders and admins act; viewers see and never act.</summary>
    public bool CanTrade => Has(UserRole.Trader);

    /// <summary>Nobody: what a page sees if it is ever rendered without sign-in (every page requires one).</summary>
    public static DashboardUser Anonymous { get; } = new("", "", UserRole.Viewer, false, "", "", DashboardPrincipal.DefaultAccount);

    public static DashboardUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(Plan2Claims.UserId) is not { } userId
            || principal.FindFirstValue(Plan2Claims.Tenant) is not { } tenant)
            return Anonymous;
        var role = principal.IsInRole(Plan2Roles.TenantAdmin) ? UserRole.Admin : principal.IsInRole(Plan2Roles.Trader) ? UserRole.Trader : UserRole.Viewer;
        var platformAdmin = principal.IsInRole(Plan2Roles.PlatformAdmin);
        var acting = platformAdmin ? principal.FindFirstValue(DashboardPrincipal.ActingTenant) ?? tenant : tenant;
        return new DashboardUser(userId, principal.FindFirstValue(Plan2Claims.Email) ?? userId, role, platformAdmin, tenant, acting,
            principal.FindFirstValue(DashboardPrincipal.Account) ?? DashboardPrincipal.DefaultAccount);
    }
}
