using Microsoft.AspNetCore.Authorization;
using Plan2.Abstractions.Identity;

namespace Plan2.Web.Identity;

/// <summary>
/// Who may open what in the dashboard, read from the sign-in cookie. Every policy but <see cref="PasswordChange"/>
/// refuses a user who still holds a one-time password (they are sent to choose their own).
/// </summary>
public static class DashboardPolicies
{
    /// <summary>Any signed-in member: viewers see, traders act.</summary>
    public const string Member = "dashboard-member";
    public const string TenantAdmin = "dashboard-tenant-admin";
    public const string PlatformAdmin = "dashboard-platform-admin";
    public const string PasswordChange = "dashboard-password-change";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(PasswordChange, p => p.AddAuthenticationSchemes(DashboardAuth.Scheme).RequireAuthenticatedUser().RequireClaim(Plan2Claims.Tenant));
        Add(options, Member, Plan2Roles.Viewer);
        Add(options, TenantAdmin, Plan2Roles.TenantAdmin);
        Add(options, PlatformAdmin, Plan2Roles.PlatformAdmin);
    }

    private static void Add(AuthorizationOptions options, string name, string role) =>
        options.AddPolicy(name, p => p
            .AddAuthenticationSchemes(DashboardAuth.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(Plan2Claims.Tenant)
            .RequireRole(role)
            .RequireAssertion(c => !c.User.HasClaim(x => x.Type == Plan2Claims.MustChangePassword)));
}
