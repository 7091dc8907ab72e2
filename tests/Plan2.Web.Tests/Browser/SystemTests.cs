using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SystemTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task SystemPage_ListsTheSilo_TheFeedsAndATerminal_AndSaysWhyTheBotIsOff()
    {
        // A symbol the replay does not stream: a tick stamped now would put the replay's older ticks out of order.
        await using var terminal = await ProbeTerminal.ConnectAsync(fixture.Platform, "probe-system", "NZDUSD");
        await terminal.SendAsync(0.6);
        var page = await fixture.OpenAsAsync(fixture.Desk.Admin, "/system");

        await Expect(page.Locator("#system-silos tbody tr").First.Locator("td.silo-status")).ToContainTextAsync("Active");
        await Expect(page.Locator("#system-silo-count")).ToContainTextAsync("1 active");
        await Expect(page.Locator("#system-feeds tbody tr", new() { HasText = "replay" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("#system-terminals td.terminal-id", new() { HasText = "probe-system" })).ToBeVisibleAsync();
        // No Telegram__BotToken in the test platform: the bot is off and the page says why.
        await Expect(page.Locator("#bot-state")).ToContainTextAsync("off");
        await Expect(page.Locator("#bot-detail")).ToContainTextAsync("Telegram__BotToken");
        await Expect(page.Locator("#bot-backlog")).ToHaveTextAsync("0");
        await Expect(page.Locator("#system-grains tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "system-status");
    }
}
