using System.Security.Claims;
using Plan2.Abstractions.Identity;
using Plan2.Api.Auth;

namespace Plan2.Web.Identity;

/// <summary>
/// The sign-in cookie's claims: the same names and role claims as the API's tokens (Plan2Claims), plus what
/// the user chose to act on: another tenant (platform admins only) and one of the tenant's accounts.
/// </summary>
public static class DashboardPrincipal
{
    /// <summary>The tenant a platform admin switched to; absent means their own.</summary>
    public const string ActingTenant = "plan2:acting-tenant";

    /// <summary>The trading account chosen in the account switcher; absent means <see cref="DefaultAccount"/>.</summary>
    public const string Account = "plan2:account";

    public const string DefaultAccount = "main";

    public static ClaimsPrincipal Create(UserAccountView user, string? actingTenant = null, string? account = null)
    {
        var claims = new List<Claim>
        {
            new(Plan2Claims.UserId, user.UserId),
            new(Plan2Claims.Tenant, user.TenantId),
            new(Plan2Claims.Email, user.Email),
        };
        claims.AddRange(Caller.RoleClaims(user.TenantId, user.Role));
        if (user.MustChangePassword)
            claims.Add(new Claim(Plan2Claims.MustChangePassword, "true"));
        if (actingTenant is not null && actingTenant != user.TenantId)
            claims.Add(new Claim(ActingTenant, actingTenant));
        if (account is not null && account != DefaultAccount)
            claims.Add(new Claim(Account, account));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardAuth.Scheme, Plan2Claims.Email, Plan2Claims.Role));
    }

    /// <summary>The same user with fresh facts from the tenant (role, password state), keeping their choices.</summary>
    public static ClaimsPrincipal Refresh(ClaimsPrincipal current, UserAccountView user) =>
        Create(user, current.FindFirstValue(ActingTenant), current.FindFirstValue(Account));
}
