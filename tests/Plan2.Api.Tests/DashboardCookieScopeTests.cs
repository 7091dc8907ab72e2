using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Plan2.Abstractions.Identity;
using Plan2.Web.Identity;

namespace Plan2.Api.Tests;

/// <summary>
/// The files a dashboard page loads (dozens per page view) never read the session cookie: no decryption, no
/// once-a-minute recheck of the user with the tenant grain, no renewed cookie on a script's answer. Pages do.
/// </summary>
[Collection(ApiCollection.Name)]
public class DashboardCookieScopeTests(ApiFixture api)
{
    private static readonly string[] StaticFiles =
    [
        "/_content/MudBlazor/MudBlazor.min.css", "/_framework/blazor.web.js", "/Plan2.Web.styles.css", "/css/plan2.css", "/js/plan2.js",
        "/icons/icon-192.png", "/icons/icon.svg", "/sw.js", "/manifest.webmanifest",
    ];

    [Fact]
    public async Task StaticFiles_NeverReadTheSessionCookie_PagesDo()
    {
        // Blazor's script as pages link it: by its fingerprinted address (a page read without the cookie, so it counts no read).
        using var anonymous = api.Server.CreateClient();
        var linked = Regex.Match(await anonymous.GetStringAsync("/sign-in"), @"_framework/blazor\.web\.[a-z0-9]+\.js").Value;
        Assert.NotEmpty(linked);
        using var client = api.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "plan2.session=" + SessionCookie());

        foreach (var path in StaticFiles.Append("/" + linked))
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}"); // the file itself, not a 404
            Assert.False(api.CookieReads.Contains(path), $"{path} ({(int)response.StatusCode}) read the session cookie");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} answered with a cookie");
        }

        // A file the dashboard does not have, asked for anyway (browsers try /favicon.ico): no cookie read for a 404 either.
        using (var missing = await client.GetAsync("/favicon.ico"))
        {
            Assert.False(api.CookieReads.Contains("/favicon.ico"), $"/favicon.ico ({(int)missing.StatusCode}) read the session cookie");
            Assert.False(missing.Headers.Contains("Set-Cookie"), "/favicon.ico answered with a cookie");
        }

        var signInReadsBefore = api.CookieReads.Count(p => p == "/sign-in"); // the queue is the collection's: count this request's
        (await client.GetAsync("/sign-in")).Dispose();
        Assert.Equal(signInReadsBefore + 1, api.CookieReads.Count(p => p == "/sign-in")); // the cookie itself is good: a page reads it
    }

    /// <summary>A session cookie as the dashboard issues one (this host's keys), fresh, so reading it asks no grain.</summary>
    private string SessionCookie()
    {
        var options = api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardAuth.Scheme);
        var identity = new ClaimsIdentity([new Claim(Plan2Claims.UserId, "scope-user"), new Claim(Plan2Claims.Tenant, "scope-tenant")], DashboardAuth.Scheme);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, DashboardAuth.Scheme);
        return options.TicketDataFormat.Protect(ticket);
    }
}
