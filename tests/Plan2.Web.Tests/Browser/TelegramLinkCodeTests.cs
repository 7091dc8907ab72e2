using System.Text.RegularExpressions;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

/// <summary>Issue 22 item 2: a user gets a one-time Telegram link code on the dashboard (/me), each press a new one.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TelegramLinkCodeTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task MyAccount_GivesAOneTimeLinkCode_ToSendAsStart()
    {
        var page = await fixture.OpenAsync("/me");

        await page.Locator("#telegram-issue").ClickAsync();
        var code = page.Locator("#telegram-code");
        await Expect(code).ToHaveTextAsync(CodeLine());
        var first = CodeLine().Match(await code.InnerTextAsync()).Groups[1].Value;
        await page.Locator("#telegram-issue").ClickAsync();
        await Expect(code).Not.ToContainTextAsync(first);
        await Expect(code).ToHaveTextAsync(CodeLine());
    }

    [GeneratedRegex(@"^/start ([ABCDEFGHJKMNPQRSTUVWXYZ2-9]{10}) \(works once, until \d\d:\d\d UTC\)$")]
    private static partial Regex CodeLine();
}
