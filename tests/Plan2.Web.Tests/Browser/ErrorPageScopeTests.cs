using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// The platform as users run it (Production): an API request that fails is answered by the API (a problem body with
/// its status), never by the dashboard's HTML error page; a page's failure still ends in that page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorPageScopeTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task ApiErrors_AreProblemDetails_NotTheDashboardErrorPage()
    {
        var page = await fixture.NewPageAsync(signedIn: false);

        var malformed = await page.APIRequest.PostAsync("/api/auth/sign-in", new()
        {
            Data = "{\"email\": not json", Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" }, MaxRedirects = 0,
        });

        Assert.Equal(400, malformed.Status);
        Assert.StartsWith("application/problem+json", malformed.Headers["content-type"]);
        Assert.Contains("\"status\":400", await malformed.TextAsync());
    }

    /// <summary>The hub is the API's too: a client that is not signed in hears a problem body, not the page's HTML.</summary>
    [Fact]
    public async Task TheMarketHub_RefusesAnUnsignedClient_WithAProblemBody()
    {
        var page = await fixture.NewPageAsync(signedIn: false);

        var negotiate = await page.APIRequest.PostAsync("/hubs/market/negotiate?negotiateVersion=1", new() { MaxRedirects = 0 });

        Assert.Equal(401, negotiate.Status);
        Assert.StartsWith("application/problem+json", negotiate.Headers["content-type"]);
        Assert.Contains("\"status\":401", await negotiate.TextAsync());
    }
}
