using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Plan2.Web.Identity;

/// <summary>
/// Between the password and the second-factor code: the tenant checks both together (ITenantIdentityGrain.SignInAsync),
/// so the email and password wait in a cookie encrypted and signed by ASP.NET Core Data Protection, HttpOnly,
/// valid five minutes and deleted as soon as the code is checked.
/// </summary>
public sealed class PendingSignIn(IDataProtectionProvider protection)
{
    private const string CookieName = "plan2.pending";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("plan2.dashboard.pending-sign-in").ToTimeLimitedDataProtector();

    public sealed record Attempt(string Email, string Password, string ReturnUrl);

    public void Save(HttpContext context, Attempt attempt) =>
        context.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(attempt), Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/",
        });

    /// <summary>The waiting attempt, or null when there is none, it expired, or it was tampered with.</summary>
    public Attempt? Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
            return null;
        try
        {
            return JsonSerializer.Deserialize<Attempt>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
