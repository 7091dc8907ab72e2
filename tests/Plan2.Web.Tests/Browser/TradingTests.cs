using System.Text.RegularExpressions;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TradingTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task OrderTicket_ShowsRiskInWordsBeforeSending_ThenAPaperOrderFillsIntoBlotterAndPosition()
    {
        var page = await fixture.OpenAsync("/trading");
        var feedback = page.Locator("#risk-feedback");
        await Expect(feedback).ToHaveAttributeAsync("data-verdict", "passes");

        var lots = page.Locator("input#ticket-lots, #ticket-lots input");
        await lots.FillAsync("50"); // above the default 10 lots an order
        await Expect(feedback).ToHaveAttributeAsync("data-verdict", "refused");
        await Expect(feedback).ToContainTextAsync("Risk would refuse: the order is larger than allowed (MaxOrderSize)");
        await BrowserFixture.ScreenshotAsync(page, "order-ticket-risk-refusal");
        await Expect(page.Locator("#blotter tbody tr", new() { HasText = "Filled" })).ToHaveCountAsync(0); // a preview places nothing

        await lots.FillAsync("0.2");
        await Expect(feedback).ToHaveAttributeAsync("data-verdict", "passes");
        await page.Locator("#buy").ClickAsync();

        var order = page.Locator("#blotter tbody tr", new() { HasText = "EURUSD" });
        await Expect(order.Locator("td.order-state")).ToHaveTextAsync("Filled");
        await Expect(order.Locator("td.order-lots")).ToHaveTextAsync("0.20");
        await Expect(order.Locator("td.order-by")).ToHaveTextAsync("you"); // the signed-in trader, not their opaque id
        await Expect(page.Locator("#last-outcome")).ToContainTextAsync("Buy 0.20 EURUSD Filled at 1."); // lots as the blotter writes them
        await Expect(order.Locator("td.order-filled")).ToHaveTextAsync("0.20");
        var position = page.Locator("#positions tbody tr", new() { HasText = "EURUSD" });
        await Expect(position.Locator("td.position-lots")).ToHaveTextAsync("0.20");
        await Expect(position.Locator("td.position-pnl")).ToHaveTextAsync(new Regex(@"-?[\d,]+\.\d\d USD"));
        await Expect(page.Locator("#open-pnl")).ToHaveTextAsync(new Regex(@"USD"));
        await BrowserFixture.ScreenshotAsync(page, "paper-order-blotter-position");
    }
}
