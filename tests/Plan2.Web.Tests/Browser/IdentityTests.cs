using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

/// <summary>Sign-in against the tenant's real identity: second factor, roles in the menu and on the server, administration.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    private TestDesk Desk => fixture.Desk;

    [Fact]
    public async Task SignIn_AsksForTheSecondFactor_RefusesAWrongCode_ThenOpensTheAskedPage()
    {
        var user = new TestUser($"totp@{Desk.TenantId}.test", TestDesk.Password);
        await Desk.Api.AddUserAsync(await Desk.TokenAsync(Desk.PlatformAdmin), Desk.TenantId, user.Email, user.Password, "trader");
        var secret = await Desk.Api.EnrolTotpAsync(await Desk.TokenAsync(user));

        var page = await fixture.NewPageAsync(signedIn: false);
        await page.GotoAsync("/trading");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl=%2Ftrading"));
        await page.Locator("#email").FillAsync(user.Email);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("#sign-in").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/sign-in/code$"));
        await page.Locator("#code").FillAsync("000000");
        await page.Locator("#verify").ClickAsync();
        await Expect(page.Locator("#code-message")).ToContainTextAsync("wrong");
        await page.Locator("#code").FillAsync(PlatformApi.NextCode(secret));
        await BrowserFixture.ScreenshotAsync(page, "sign-in-second-factor");
        await page.Locator("#verify").ClickAsync();

        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/trading$"));
        await Expect(page.Locator("#signed-in-as")).ToContainTextAsync($"{user.Email} · trader");
        await Expect(page.Locator("#buy")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "signed-in-with-second-factor");
    }

    [Fact]
    public async Task SignIn_RefusesAWrongPassword()
    {
        var page = await fixture.NewPageAsync(signedIn: false);
        await page.GotoAsync("/sign-in");
        await page.Locator("#email").FillAsync(Desk.Trader.Email);
        await page.Locator("#password").FillAsync("not-the-password-at-all");
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#sign-in-message")).ToContainTextAsync("The email or password is wrong.");
        await page.GotoAsync("/markets");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in")); // still nobody
    }

    [Fact]
    public async Task Viewer_SeesTheAccount_CannotTrade_AndAForgedClickOrApiCallPlacesNothing()
    {
        var page = await fixture.OpenAsAsync(Desk.Viewer, "/trading");
        await Expect(page.Locator("#viewer-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in-as")).ToContainTextAsync("viewer");
        await Expect(page.Locator("#buy")).ToBeDisabledAsync();
        await Expect(page.Locator("#sell")).ToBeDisabledAsync();
        await Expect(page.Locator("#nav-admin")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "viewer-cannot-trade");
        var adminToken = await Desk.TokenAsync(Desk.Admin);
        var before = await Desk.Api.CountOrdersAsync(adminToken);

        // A forged click: the button enabled again in the page and clicked. The server's check refuses it.
        await page.EvaluateAsync("() => { const b = document.getElementById('buy'); b.disabled = false; b.removeAttribute('disabled'); b.click(); }");
        await page.WaitForTimeoutAsync(1500);
        // A forged API call with the viewer's own token.
        var status = await Desk.Api.StatusOfAsync(HttpMethod.Post, "/api/orders", await Desk.TokenAsync(Desk.Viewer),
            new { symbol = "EURUSD", side = "buy", quantity = 0.1m, type = "market" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(before, await Desk.Api.CountOrdersAsync(adminToken));

        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OrleansDashboard_IsRefusedToATrader_AndToNobody()
    {
        var page = await fixture.NewPageAsync(); // the desk's trader
        await page.GotoAsync("/markets");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#nav-orleans")).ToHaveCountAsync(0);
        await page.GotoAsync("/dashboard/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/denied"));
        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "orleans-dashboard-refused-to-trader");

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Platform.Url) };
        using var answer = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/sign-in", answer.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Admin_CreatesAUser_WhoSignsIn_ChoosesTheirPassword_AndTrades()
    {
        var email = $"new-{Guid.NewGuid():n}"[..12] + $"@{Desk.TenantId}.test";
        var page = await fixture.OpenAsAsync(Desk.Admin, "/admin/users");
        await page.Locator("#new-user-email").FillAsync(email);
        await page.Locator("#new-user-password").FillAsync("first-password-1");
        await page.Locator("#create-user").ClickAsync();
        await Expect(page.Locator("#admin-notice")).ToContainTextAsync($"{email} added as trader");
        var row = page.Locator("#users tbody tr", new() { HasText = email });
        await Expect(row.Locator("td.user-password")).ToHaveTextAsync("one-time, must change");
        await Expect(row.Locator("td.user-totp")).ToHaveTextAsync("off");
        await BrowserFixture.ScreenshotAsync(page, "admin-created-user");

        var newcomer = await fixture.NewPageAsync(signedIn: false);
        await newcomer.GotoAsync("/sign-in");
        await newcomer.Locator("#email").FillAsync(email);
        await newcomer.Locator("#password").FillAsync("first-password-1");
        await newcomer.Locator("#sign-in").ClickAsync();
        await Expect(newcomer).ToHaveURLAsync(new Regex("/account/password$"));
        await newcomer.Locator("#current-password").FillAsync("first-password-1");
        await newcomer.Locator("#new-password").FillAsync("my-own-password-2");
        await newcomer.Locator("#confirm-password").FillAsync("my-own-password-2");
        await newcomer.Locator("#change-password").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(newcomer);
        await Expect(newcomer.Locator("#signed-in-as")).ToContainTextAsync($"{email} · trader");
        await newcomer.GotoAsync("/trading");
        await BrowserFixture.WaitUntilInteractiveAsync(newcomer);
        await Expect(newcomer.Locator("#buy")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(newcomer, "admin-created-user-signed-in");

        await page.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#users tbody tr", new() { HasText = email }).Locator("td.user-password")).ToHaveTextAsync("set");
    }

    [Fact]
    public async Task Admin_CreatesAnApiKey_ShownOnce_ThatWorks_ThenRevokesIt()
    {
        var page = await fixture.OpenAsAsync(Desk.Admin, "/admin/api-keys");
        await page.Locator("#new-key-name").FillAsync("quotes-script");
        await page.Locator("#create-key").ClickAsync();
        var key = (await page.Locator("#new-key-secret").InnerTextAsync()).Trim();
        Assert.StartsWith($"p2_{Desk.TenantId}.", key);

        using var client = new HttpClient { BaseAddress = new Uri(fixture.Platform.Url) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders")).StatusCode);
        var row = page.Locator("#api-keys tbody tr", new() { HasText = "quotes-script" });
        await page.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#new-key-secret")).ToHaveCountAsync(0); // shown once
        await Expect(row.Locator("td.key-last-used")).Not.ToHaveTextAsync("never");

        await row.Locator(".revoke-key").ClickAsync();
        await Expect(row.Locator("td.key-state")).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/orders")).StatusCode);
        await BrowserFixture.ScreenshotAsync(page, "admin-api-keys");
    }

    [Fact]
    public async Task AccountSwitcher_AppearsWithASecondAccount_AndTheTradingPageFollowsTheChoice()
    {
        // A tenant of its own, so the desk's pages keep one account (and a phone-wide app bar).
        var root = await Desk.TokenAsync(Desk.PlatformAdmin);
        var tenant = await Desk.Api.CreateTenantAsync(root, "Two books");
        var admin = new TestUser($"admin@{tenant}.test", TestDesk.Password);
        await Desk.Api.AddUserAsync(root, tenant, admin.Email, admin.Password, "tenant-admin");
        var token = await Desk.TokenAsync(admin);
        await Desk.Api.OpenAccountAsync(token, "main", 100_000m);
        await Desk.Api.OpenAccountAsync(token, "swing", 25_000m);

        var page = await fixture.OpenAsAsync(admin, "/trading");
        await Expect(page.Locator("h5", new() { HasText = "Trading" })).ToContainTextAsync($"{tenant}/main");
        await page.Locator("#account-switcher").ClickAsync();
        await page.Locator("#account-swing").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#account-switcher")).ToContainTextAsync("Account: swing");
        await Expect(page.Locator("h5", new() { HasText = "Trading" })).ToContainTextAsync($"{tenant}/swing");
        await BrowserFixture.ScreenshotAsync(page, "account-switcher-swing");

        // A switch changes the session: only the menu's form post (with its antiforgery token) does it, neither a link
        // (a GET another site could embed) nor a post from elsewhere (no token).
        var link = await page.APIRequest.GetAsync("/account/switch?account=main&returnUrl=/trading", new() { MaxRedirects = 0 });
        Assert.True(link.Status >= 400, $"a GET of /account/switch answered {link.Status}");
        var form = page.APIRequest.CreateFormData();
        form.Set("account", "main");
        form.Set("returnUrl", "/trading");
        var forged = await page.APIRequest.PostAsync("/account/switch", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        await page.ReloadAsync();
        await Expect(page.Locator("#account-switcher")).ToContainTextAsync("Account: swing");
        await Expect(page.Locator("h5", new() { HasText = "Trading" })).ToContainTextAsync($"{tenant}/swing");
    }
}
