using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MarketsTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task Watchlist_ShowsAQuoteChangingLive_WithItsSparkline()
    {
        var page = await fixture.OpenAsync("/markets");
        var row = page.Locator("#watchlist tbody tr", new() { HasText = "EURUSD" });
        var bid = row.Locator("td.bid");
        await Expect(bid).ToHaveTextAsync(new Regex(@"^\s*1\.\d+\s*$"));
        var first = await bid.InnerTextAsync();

        await Expect(bid).Not.ToHaveTextAsync(first); // pushed by the replay through the bridge, the grains and the circuit
        await Expect(row.Locator("td.ask")).ToHaveTextAsync(new Regex(@"1\.\d+"));
        await Expect(row.Locator("td.sparkline polyline")).ToHaveAttributeAsync("points", new Regex(@"^[\d.]+,[\d.]+( [\d.]+,[\d.]+)+$"));
        await BrowserFixture.ScreenshotAsync(page, "watchlist-quote-changed");
    }

    [Fact]
    public async Task Watchlist_ShowsTheInstrumentOfAConnectedMt5Terminal()
    {
        var page = await fixture.OpenAsync("/markets");
        await using var terminal = await ProbeTerminal.ConnectAsync(fixture.Platform, "test-terminal", "GBPUSD");
        await terminal.SendAsync(1.27000);
        var row = page.Locator("#watchlist tbody tr", new() { HasText = "GBPUSD" });
        await Expect(row).ToHaveCountAsync(1); // the feed names its terminals' symbols; the board subscribes to them

        await terminal.SendAsync(1.27010);
        // With the instrument's five digits, as a terminal shows it (the quote alone would read 1.2701).
        await Expect(row.Locator("td.bid")).ToHaveTextAsync(new Regex(@"^\s*1\.27010\s*$"));
    }

    [Fact]
    public async Task Chart_SwitchesTimeframe_AddsAnOverlay_AndKeepsTheSettingsInThisBrowser()
    {
        var page = await fixture.OpenAsync("/chart/EURUSD");
        var chart = page.Locator("#chart");
        await Expect(chart).ToHaveAttributeAsync("data-timeframe", "M1");
        await page.WaitForFunctionAsync("() => +document.getElementById('chart').dataset.bars > 20");
        await Expect(chart.Locator("g.trace.boxes, .candlestick, path.box").First).ToBeAttachedAsync();

        await page.Locator("#timeframes").GetByText("M5", new() { Exact = true }).ClickAsync();
        await Expect(chart).ToHaveAttributeAsync("data-timeframe", "M5");
        await page.Locator("#overlays").GetByText("SMA 20", new() { Exact = true }).ClickAsync();
        await page.Locator("#panes").GetByText("RSI 14", new() { Exact = true }).ClickAsync();
        await Expect(chart).ToHaveAttributeAsync("data-traces", new Regex(@"\|SMA 20\|.*RSI"));
        await Expect(chart.Locator(".legendtext", new() { HasText = "SMA 20" })).ToBeVisibleAsync();
        // The models' calls are marked once predictors have warmed up on the replay.
        await Expect(chart).ToHaveAttributeAsync("data-traces", new Regex(@"Predictions"), new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "chart-m5-sma-rsi");

        await page.ReloadAsync();
        await Expect(chart).ToHaveAttributeAsync("data-timeframe", "M5");
        await Expect(chart).ToHaveAttributeAsync("data-traces", new Regex(@"\|SMA 20\|"));
    }
}
