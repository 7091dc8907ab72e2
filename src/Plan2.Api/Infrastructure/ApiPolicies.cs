using Microsoft.AspNetCore.Authorization;
using Plan2.Abstractions.Identity;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// Authorization policies of the API, by role. Every one but <see cref="PasswordChange"/> refuses a caller
/// who still holds a one-time password: they must choose their own first.
/// </summary>
public static class ApiPolicies
{
    public const string Viewer = "plan2-viewer";
    public const string Trader = "plan2-trader";
    public const string TenantAdmin = "plan2-tenant-admin";
    public const string PlatformAdmin = "plan2-platform-admin";
    public const string PasswordChange = "plan2-password-change";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(PasswordChange, p => p.AddAuthenticationSchemes(ApiHosting.Scheme).RequireAuthenticatedUser().RequireClaim(Plan2Claims.Tenant));
        Add(options, Viewer, Plan2Roles.Viewer);
        Add(options, Trader, Plan2Roles.Trader);
        Add(options, TenantAdmin, Plan2Roles.TenantAdmin);
        Add(options, PlatformAdmin, Plan2Roles.PlatformAdmin);
    }

    private static void Add(AuthorizationOptions options, string name, string role) =>
        options.AddPolicy(name, p => p
            .AddAuthenticationSchemes(ApiHosting.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(Plan2Claims.Tenant)
            .RequireRole(role)
            .RequireAssertion(c => !c.User.HasClaim(x => x.Type == Plan2Claims.MustChangePassword)));
}
