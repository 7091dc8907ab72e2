using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// A platform of its own started as on a user's very first start: no admin configured, so it makes a one-time
/// password, and the first sign-in with it leads nowhere but to choosing a new one. In the browser collection
/// so that it runs alone, not beside the other browser tests (two platforms warming up share two cores).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstStartTests : IAsyncLifetime
{
    private EmbeddedPlatform _platform = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        _platform = await EmbeddedPlatform.StartAsync(configuredAdmin: false);
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task PlatformAdmin_MustReplaceTheOneTimePassword_ThenSeesAdministrationAndTheOrleansDashboard()
    {
        var oneTime = (await File.ReadAllTextAsync(Path.Combine(_platform.DataDir, "admin-password"))).Trim();
        Assert.Contains($"admin@plan2.local, one-time password {oneTime}", _platform.Output);

        var page = await BrowserFixture.NewPageAsync(_browser, _platform.Url, null);
        page.Context.SetDefaultTimeout(90_000); // a platform started just now: its first pages render while it warms up
        page.Context.SetDefaultNavigationTimeout(90_000);
        await page.GotoAsync("/");
        await page.Locator("#email").FillAsync("admin@plan2.local");
        await page.Locator("#password").FillAsync(oneTime);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await Expect(page.Locator("#must-change")).ToBeVisibleAsync();

        await page.GotoAsync("/markets"); // nothing else opens with a one-time password
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.Locator("#current-password").FillAsync(oneTime);
        await page.Locator("#new-password").FillAsync("short");
        await page.Locator("#confirm-password").FillAsync("short");
        await page.Locator("#change-password").ClickAsync();
        await Expect(page.Locator("#password-message")).ToContainTextAsync("12 characters");
        await page.Locator("#current-password").FillAsync(oneTime);
        await page.Locator("#new-password").FillAsync("the-admins-own-password");
        await page.Locator("#confirm-password").FillAsync("the-admins-own-password");
        await BrowserFixture.ScreenshotAsync(page, "first-start-password-change");
        await page.Locator("#change-password").ClickAsync();

        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#signed-in-as")).ToContainTextAsync("admin@plan2.local · platform admin");
        await Expect(page.Locator("#nav-tenants")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-orleans")).ToBeVisibleAsync();

        // A platform admin makes a tenant and switches to it.
        await page.Locator("#nav-tenants").ClickAsync();
        await page.Locator("#new-tenant-name").FillAsync("Acme Capital");
        await page.Locator("#create-tenant").ClickAsync();
        await Expect(page.Locator("#tenants td.tenant-id", new() { HasText = "acme-capital" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "platform-admin-tenants");
        await page.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.Locator("#tenant-switcher").ClickAsync();
        await page.Locator("#tenant-acme-capital").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#tenant-switcher")).ToContainTextAsync("Tenant: acme-capital");

        var dashboard = await page.GotoAsync("/dashboard/");
        Assert.Equal(200, dashboard!.Status);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/$"));

        // The old password no longer works; the new one does.
        var again = await BrowserFixture.NewPageAsync(_browser, _platform.Url, null);
        await again.GotoAsync("/sign-in");
        await again.Locator("#email").FillAsync("admin@plan2.local");
        await again.Locator("#password").FillAsync(oneTime);
        await again.Locator("#sign-in").ClickAsync();
        await Expect(again.Locator("#sign-in-message")).ToContainTextAsync("wrong");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_platform is not null)
            await _platform.DisposeAsync();
    }
}
