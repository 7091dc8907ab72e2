using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task Shell_IsInstallable_KeepsTheDarkThemeInThisBrowser_AndFitsAPhone()
    {
        var page = await fixture.OpenAsync("/markets", width: 390, height: 844);

        var display = await page.EvaluateAsync<string>("async () => (await (await fetch(document.querySelector('link[rel=manifest]').href)).json()).display");
        Assert.Equal("standalone", display);
        var scope = await page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).scope");
        Assert.Equal(fixture.Platform.Url + "/", scope);

        var main = page.Locator("#main");
        await Expect(main).ToHaveAttributeAsync("data-theme", "light");
        await page.Locator("#theme-toggle").ClickAsync();
        await Expect(main).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(main).ToHaveAttributeAsync("data-theme", "dark");

        await Expect(page.Locator("#watchlist tbody tr", new() { HasText = "EURUSD" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a phone's screen");
        await BrowserFixture.ScreenshotAsync(page, "phone-markets-dark");
    }
}
