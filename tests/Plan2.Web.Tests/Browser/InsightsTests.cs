using System.Text.RegularExpressions;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InsightsTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task Insights_ShowEveryModelsVote_ScoredHistory_AndTheModelReportsPictures()
    {
        var page = await fixture.OpenAsync("/insights/EURUSD");

        // Predictors warm up on the replay (90 bars), then every call is scored five bars later.
        await Expect(page.Locator("#votes tbody tr", new() { HasText = "lightgbm" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#votes tbody tr", new() { HasText = "last_move" })).ToBeVisibleAsync();
        await Expect(page.Locator("#prediction-history td.outcome", new() { HasTextRegex = new Regex("right|wrong") }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#history-score")).ToHaveTextAsync(new Regex(@"\d+ of \d+ shown calls right"));
        await Expect(page.Locator("#models-panel")).ToContainTextAsync("Champion:");
        // The replay plays the months the shipped models learnt from: the page says the live accuracy is in-sample.
        await Expect(page.Locator("#in-sample")).ToContainTextAsync("in-sample");
        await Expect(page.Locator("#in-sample")).ToContainTextAsync("2017-01-02 – 2017-03-31");

        var pictures = page.Locator("#report-pictures img");
        await Expect(pictures).ToHaveCountAsync(3); // accuracy over time, calibration walk-forward and held out
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#report-pictures img')].every(i => i.complete && i.naturalWidth > 0)");
        await BrowserFixture.ScreenshotAsync(page, "insights-eurusd");
    }
}
