using System.Security.Claims;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Auth;

/// <summary>Who is calling, read from the token's or API key's claims: the edge's only source of tenant and role.</summary>
public sealed record Caller(string TenantId, string UserId, UserRole Role, bool IsPlatformAdmin, string? ApiKeyId)
{
    /// <summary>How the audit trail names this caller: the user's opaque id, or the API key's id.</summary>
    public Actor Actor => ApiKeyId is null ? Actor.User(UserId) : Actor.ApiKey(ApiKeyId);

    /// <summary>True when the caller may act on <paramref name="tenantId"/>'s resources.</summary>
    public bool MayAccess(string tenantId) => IsPlatformAdmin || tenantId == TenantId;

    public static Caller From(ClaimsPrincipal user)
    {
        var tenant = user.FindFirstValue(Plan2Claims.Tenant) ?? throw new UnauthorizedAccessException("The token names no tenant.");
        var id = user.FindFirstValue(Plan2Claims.UserId) ?? throw new UnauthorizedAccessException("The token names no user.");
        var role = user.IsInRole(Plan2Roles.TenantAdmin) ? UserRole.Admin : user.IsInRole(Plan2Roles.Trader) ? UserRole.Trader : UserRole.Viewer;
        return new Caller(tenant, id, role, user.IsInRole(Plan2Roles.PlatformAdmin), user.FindFirstValue(Plan2Claims.ApiKeyId));
    }

    /// <summary>Role claims for a member: each role implies the ones below it; admins of the platform tenant are platform admins.</summary>
    public static IEnumerable<Claim> RoleClaims(string tenantId, UserRole role)
    {
        yield return new Claim(Plan2Claims.Role, Plan2Roles.Viewer);
        if (role >= UserRole.Trader)
            yield return new Claim(Plan2Claims.Role, Plan2Roles.Trader);
        if (role >= UserRole.Admin)
            yield return new Claim(Plan2Claims.Role, Plan2Roles.TenantAdmin);
        if (role >= UserRole.Admin && tenantId == Plan2Claims.PlatformTenant)
            yield return new Claim(Plan2Claims.Role, Plan2Roles.PlatformAdmin);
    }
}
