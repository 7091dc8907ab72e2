using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

/// <summary>The platform admins' operations pages: the running flows as a diagram, and the error fingerprints (a tenant admin sees neither).</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task Flows_DrawTheReplayFeedIntoItsInstruments()
    {
        var page = await fixture.OpenAsAsync(fixture.Desk.PlatformAdmin, "/flows");

        var diagram = page.Locator("#flow-diagram");
        await Expect(diagram.Locator(".diagram-node", new() { HasText = "replay" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(diagram.Locator(".diagram-node", new() { HasText = "EURUSD" }).First).ToBeVisibleAsync();
        Assert.True(await diagram.Locator(".diagram-link").CountAsync() > 0, "no link drawn from the feed to its instruments");
        await Expect(page.Locator("#flow-counts")).ToContainTextAsync("instrument: ");
        await BrowserFixture.ScreenshotAsync(page, "flows");
    }

    [Fact]
    public async Task Errors_PageListsFingerprints_ForAdmins_AndTheFlowsPageAddsNone()
    {
        var flows = await fixture.OpenAsAsync(fixture.Desk.PlatformAdmin, "/flows");
        await Expect(flows.Locator("#flow-diagram .diagram-node").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await flows.Context.CloseAsync(); // disposes the page's components, as leaving it does
        await Task.Delay(TimeSpan.FromSeconds(5)); // collectors report every 2 s

        var page = await fixture.OpenAsAsync(fixture.Desk.PlatformAdmin, "/errors");

        await Expect(page.Locator("#error-groups")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // The diagram's canvas, prerendered, once called JavaScript on disposal: an Error log per visit.
        await Expect(page.Locator("#error-groups")).Not.ToContainTextAsync("JavaScript interop");
        await Expect(page.Locator("#nav-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-flows")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "errors");

        // A tenant admin: every tenant's errors and flows are not theirs to see, in the menu or by address.
        var tenantAdmin = await fixture.OpenAsAsync(fixture.Desk.Admin, "/errors");
        await Expect(tenantAdmin.Locator("#errors-admins-only")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(tenantAdmin.Locator("#nav-errors")).ToHaveCountAsync(0);
        await Expect(tenantAdmin.Locator("#nav-flows")).ToHaveCountAsync(0);
    }
}
