using Plan2.Abstractions.Identity;
using Plan2.Core.Identity;

namespace Plan2.Api.Auth;

/// <summary>The one password check every face makes (POST /api/auth/sign-in and the dashboard's sign-in page).</summary>
public static class PasswordSignIn
{
    public static async Task<SignInOutcome> CheckAsync(IGrainFactory grains, string email, string password, string? code)
    {
        email = email.Trim().ToLowerInvariant();
        var tenant = IdentityRules.IsValidEmail(email) ? await grains.GetGrain<IUserDirectoryGrain>(email).FindTenantAsync() : null;
        // An unknown email is checked against a real tenant's dummy work too: the answer and its timing say nothing.
        return await grains.GetGrain<ITenantIdentityGrain>(tenant ?? Plan2Claims.PlatformTenant)
            .SignInAsync(tenant is null ? "nobody@invalid.invalid" : email, password, code);
    }
}
