using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Plan2.Abstractions.Identity;

namespace Plan2.Web.Identity;

/// <summary>
/// Sign-in for the dashboard: a cookie made from the same identity the API uses (TenantGrain, checked by
/// PasswordSignIn), the pages' policies, and the signed-in user's tenant in Orleans' RequestContext for the
/// circuit's grain calls, so the silo's tenant filter checks the dashboard as it checks the API.
/// </summary>
public static class DashboardAuth
{
    public const string Scheme = "Plan2.Dashboard";
    public const string SignInPath = "/sign-in";
    public const string CodePath = "/sign-in/code";
    public const string PasswordPath = "/account/password";
    public const string DeniedPath = "/account/denied";

    /// <summary>How long a cookie's roles are trusted before the tenant is asked again (a changed role or a removed user takes effect then).</summary>
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMinutes(1);

    /// <summary>A cookie from before this process started is checked at once: an embedded platform starts with empty state, so its users are new.</summary>
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    public static void AddPlan2DashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "plan2.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = DeniedPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = c =>
            {
                // A one-time password allows nothing but choosing a new one.
                c.Response.Redirect(c.HttpContext.User.HasClaim(x => x.Type == Plan2Claims.MustChangePassword) ? PasswordPath : c.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = RecheckAsync;
        });
        services.AddPlan2DashboardKeys(builder.Configuration);
        services.AddAuthorization(DashboardPolicies.Add);
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddSingleton<PendingSignIn>();
    }

    /// <summary>Maps the sign-in form posts; sets HttpContext.User from the cookie for every dashboard request.</summary>
    public static void MapPlan2DashboardAuth(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // The API reads only tokens and keys; static files need nobody; everything else (pages, the Blazor circuit,
            // the Orleans dashboard) reads the cookie. Endpoints that require a user authenticate through their policy anyway.
            if (context.User.Identity?.IsAuthenticated != true && !IsApiPath(context.Request.Path) && !IsStaticAsset(context.Request.Path)
                && await context.AuthenticateAsync(Scheme) is { Succeeded: true } result)
                context.User = result.Principal;
            await next(context);
        });
        app.MapSignInEndpoints();
    }

    internal static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/ws") || path.StartsWithSegments("/health");

    /// <summary>
    /// A file a page loads (MudBlazor's _content, Blazor's _framework script, the scoped styles, the service worker,
    /// the manifest, icons): none is per user, and each page load fetches dozens, so none decrypts the cookie or,
    /// once a minute, asks the tenant grain about its user. Pages and the circuit have no file extension.
    /// </summary>
    internal static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/js") || path.StartsWithSegments("/icons")
        || (path.Value is { } value && System.IO.Path.HasExtension(value.AsSpan(value.LastIndexOf('/') + 1)));

    private static async Task RecheckAsync(CookieValidatePrincipalContext context)
    {
        var issued = context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if ((issued >= StartedAt && clock.GetUtcNow() - issued < RecheckEvery) || context.Principal is not { } principal)
            return;
        var tenant = principal.FindFirst(Plan2Claims.Tenant)?.Value;
        var userId = principal.FindFirst(Plan2Claims.UserId)?.Value;
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var user = tenant is null || userId is null ? null : await grains.GetGrain<ITenantIdentityGrain>(tenant).GetUserAsync(userId);
        if (user is null) // removed or erased since: the cookie ends with them
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        context.ReplacePrincipal(DashboardPrincipal.Refresh(principal, user));
        context.ShouldRenew = true;
    }
}
