using System.Text.RegularExpressions;
using Plan2.Abstractions.Diagnostics;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// The platform admins' operations pages: the running flows as a diagram, the error fingerprints, and the shell's
/// spike banner (a tenant admin sees none of them).
/// </summary>
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
        // Six columns are wider than the box at this width: the graph is zoomed out until the venues are inside it.
        await Expect(diagram.Locator(".diagram-node", new() { HasText = "paper" }).First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("""
            () => {
                const box = document.querySelector('#flow-diagram').getBoundingClientRect();
                const nodes = [...document.querySelectorAll('#flow-diagram .diagram-node')];
                return nodes.length > 0 && nodes.every(n => n.getBoundingClientRect().right <= box.right + 1);
            }
            """, null, new() { Timeout = 20_000 });
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#flow-diagram .diagram-node')]
                .filter(n => n.scrollWidth > n.clientWidth + 1).map(n => n.textContent)
            """);
        Assert.True(overflowing.Length == 0, "titles wider than their boxes: " + string.Join(" | ", overflowing));
        // No link runs through or along a box on its way (the replay feed's link to USDCHF once ran down USDCAD's edge into
        // USDCHF's top): all but its ends stays clear of every box.
        var crossed = await page.EvaluateAsync<string[]>("""
            () => {
                const boxes = [...document.querySelectorAll('#flow-diagram .diagram-node')].map(n => ({ r: n.getBoundingClientRect(), t: n.textContent }));
                const hits = [];
                for (const path of document.querySelectorAll('#flow-diagram .diagram-link path')) {
                    const length = path.getTotalLength(), m = path.getScreenCTM();
                    if (!m || length < 40) continue; // an arrowhead
                    for (let f = 0.03; f <= 0.97; f += 0.01) { // touching a box's edge counts
                        const p = path.getPointAtLength(length * f).matrixTransform(m);
                        const box = boxes.find(b => p.x >= b.r.left - 1 && p.x <= b.r.right + 1 && p.y >= b.r.top - 1 && p.y <= b.r.bottom + 1);
                        if (box) { hits.push(box.t); break; }
                    }
                }
                return hits;
            }
            """);
        Assert.True(crossed.Length == 0, "links drawn through boxes: " + string.Join(" | ", crossed));
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

    [Fact]
    public async Task ErrorSpike_ShowsAdminsABannerLinkingToItsFingerprint_AndTenantUsersNothing()
    {
        // Ten occurrences of a new fingerprint within minutes, reported as a process's collector reports them: a spike.
        var id = Guid.NewGuid().ToString("n")[..16];
        await using (var platform = await PlatformGrains.ConnectAsync(fixture.Platform))
        {
            var dna = platform.Grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key);
            var spikes = new List<ErrorSpikeView>();
            for (var i = 0; i < 10; i++)
            {
                var now = DateTimeOffset.UtcNow;
                spikes.AddRange(await dna.ReportAsync([new ErrorReport(id, "System.InvalidOperationException", "Browser test spike <v>.",
                    ["Plan2.Web.Tests.Browser.OperationsTests"], $"Browser test spike {i}.", 1, now, now, [], [], ["browser test"])]));
            }
            Assert.Contains(spikes, s => s.FingerprintId == id);
        }

        var page = await fixture.OpenAsAsync(fixture.Desk.PlatformAdmin, "/");
        var banner = page.Locator("#error-spike-banner");
        await Expect(banner).ToContainTextAsync(id, new() { Timeout = 20_000 }); // the watch polls every few seconds
        await BrowserFixture.ScreenshotAsync(page, "error-spike-banner");
        await page.Locator("#error-spike-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/errors$"));
        await Expect(page.Locator("#error-groups tr", new() { HasText = id })).ToContainTextAsync("Browser test spike");

        var tenantAdmin = await fixture.OpenAsAsync(fixture.Desk.Admin, "/");
        await BrowserFixture.WaitUntilInteractiveAsync(tenantAdmin); // else "no banner" could be read before the layout drew
        // The watch holds the spike already (the admin saw it): the tenant admin's interactive shell draws no banner.
        await Expect(tenantAdmin.Locator("#error-spike-banner")).ToHaveCountAsync(0);
    }
}
