using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Api.Auth;
using Plan2.Core.Identity;
using Plan2.Core.Tenancy;
using Plan2.Web.Services;

namespace Plan2.Web.Identity;

/// <summary>
/// The sign-in pages' form posts (plain HTML forms with an antiforgery token): password, then the code when the
/// user enrolled a second factor, the change of a one-time password, sign-out, and the tenant and account switchers.
/// Each answers with a redirect; a refusal goes back to its page with a short reason code.
/// </summary>
internal static class SignInEndpoints
{
    public static void MapSignInEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        account.MapPost("/sign-in/code", CodeAsync).AllowAnonymous();
        account.MapPost("/password", ChangePasswordAsync).RequireAuthorization(DashboardPolicies.PasswordChange);
        account.MapPost("/sign-out", (Func<HttpContext, Task<IResult>>)SignOutAsync).AllowAnonymous();
        account.MapPost("/switch", SwitchAsync).RequireAuthorization(DashboardPolicies.Member); // a form post: a link or another site cannot switch
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        IGrainFactory grains, PendingSignIn pending)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Back(DashboardAuth.SignInPath, "missing", email);
        var outcome = await PasswordSignIn.CheckAsync(grains, email, password, null);
        switch (outcome.Status)
        {
            case SignInStatus.Succeeded:
                return await StartSessionAsync(http, outcome.User!, returnUrl);
            case SignInStatus.CodeRequired:
                pending.Save(http, new PendingSignIn.Attempt(email.Trim(), password, LocalOrHome(returnUrl)));
                return Results.LocalRedirect(DashboardAuth.CodePath);
            case SignInStatus.LockedOut:
                return Back(DashboardAuth.SignInPath, "locked", email);
            default:
                return Back(DashboardAuth.SignInPath, "invalid", email);
        }
    }

    private static async Task<IResult> CodeAsync(HttpContext http, [FromForm] string? code, IGrainFactory grains, PendingSignIn pending)
    {
        if (pending.Read(http) is not { } attempt)
            return Back(DashboardAuth.SignInPath, "expired", null);
        if (string.IsNullOrWhiteSpace(code))
            return Back(DashboardAuth.CodePath, "missing", null);
        var outcome = await PasswordSignIn.CheckAsync(grains, attempt.Email, attempt.Password, code.Trim());
        switch (outcome.Status)
        {
            case SignInStatus.Succeeded:
                pending.Clear(http);
                return await StartSessionAsync(http, outcome.User!, attempt.ReturnUrl);
            case SignInStatus.InvalidCode or SignInStatus.CodeRequired:
                return Back(DashboardAuth.CodePath, "invalid-code", null);
            case SignInStatus.LockedOut:
                pending.Clear(http);
                return Back(DashboardAuth.SignInPath, "locked", attempt.Email);
            default: // the password changed meanwhile
                pending.Clear(http);
                return Back(DashboardAuth.SignInPath, "invalid", attempt.Email);
        }
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, [FromForm] string? currentPassword, [FromForm] string? newPassword,
        [FromForm] string? confirmPassword, IGrainFactory grains)
    {
        var user = DashboardUser.From(http.User);
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
            return Back(DashboardAuth.PasswordPath, "missing", null);
        if (newPassword != confirmPassword)
            return Back(DashboardAuth.PasswordPath, "mismatch", null);
        if (IdentityRules.Default.CheckPassword(newPassword) is not null)
            return Back(DashboardAuth.PasswordPath, "weak", null);
        if (newPassword == currentPassword)
            return Back(DashboardAuth.PasswordPath, "same", null);
        var identity = grains.GetGrain<ITenantIdentityGrain>(user.OwnTenantId);
        try
        {
            await identity.ChangePasswordAsync(user.UserId, currentPassword, newPassword);
        }
        catch (ArgumentException) // the rules were checked above: what is left is a wrong current password
        {
            return Back(DashboardAuth.PasswordPath, "wrong-current", null);
        }
        var changed = await identity.GetUserAsync(user.UserId);
        if (changed is null)
            return await SignOutAsync(http);
        await http.SignInAsync(DashboardAuth.Scheme, DashboardPrincipal.Refresh(http.User, changed));
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(DashboardAuth.Scheme);
        return Results.LocalRedirect(DashboardAuth.SignInPath + "?signedOut=1");
    }

    /// <summary>Acts on another tenant (platform admins) or account; the cookie keeps the choice, the page reloads with it.</summary>
    private static async Task<IResult> SwitchAsync(HttpContext http, [FromForm] string? tenant, [FromForm] string? account, [FromForm] string? returnUrl,
        IGrainFactory grains)
    {
        var user = DashboardUser.From(http.User);
        var nextTenant = user.TenantId;
        if (!string.IsNullOrEmpty(tenant) && tenant != user.TenantId)
        {
            if (!user.IsPlatformAdmin)
                return Results.Forbid(authenticationSchemes: [DashboardAuth.Scheme]);
            if (!TenantNames.IsValidTenantId(tenant) || await grains.GetGrain<ITenantGrain>(tenant).GetAsync() is null)
                return Results.NotFound();
            nextTenant = tenant;
        }
        var nextAccount = string.IsNullOrEmpty(account) ? (nextTenant == user.TenantId ? user.AccountId : DashboardPrincipal.DefaultAccount) : account;
        if (nextAccount != DashboardPrincipal.DefaultAccount && !(await grains.GetGrain<ITenantAccountsGrain>(nextTenant).ListAsync()).Contains(nextAccount))
            return Results.NotFound();
        var self = await grains.GetGrain<ITenantIdentityGrain>(user.OwnTenantId).GetUserAsync(user.UserId);
        if (self is null)
            return await SignOutAsync(http);
        await http.SignInAsync(DashboardAuth.Scheme, DashboardPrincipal.Create(self, nextTenant, nextAccount));
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> StartSessionAsync(HttpContext http, UserAccountView user, string? returnUrl)
    {
        await http.SignInAsync(DashboardAuth.Scheme, DashboardPrincipal.Create(user));
        return Results.LocalRedirect(user.MustChangePassword ? DashboardAuth.PasswordPath : LocalOrHome(returnUrl));
    }

    private static IResult Back(string page, string error, string? email) =>
        Results.LocalRedirect($"{page}?error={error}" + (string.IsNullOrWhiteSpace(email) ? "" : "&email=" + Uri.EscapeDataString(email.Trim())));

    /// <summary>
    /// Only a path of this site: an open redirect would let a link send a fresh sign-in elsewhere. A control character
    /// (a forged form's) sends home too: LocalRedirect refuses such a target with an exception, a 500 for a bad input.
    /// </summary>
    internal static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";
}
