using System.Text.Json;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BacktestsTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task Backtest_StartedFromTheDashboard_ShowsItsEquityPictureAndMetrics_AndIsKeptOnDisk()
    {
        var page = await fixture.OpenAsync("/backtests");
        await ChooseAsync(page, "#bt-file", "mt-m1-2021/USDCHF_M1.csv");
        await Expect(Input(page, "bt-symbol")).ToHaveValueAsync("USDCHF"); // the file's name implies the pair
        // Three days of real M1 bars through the shipped models: seconds, not minutes.
        await Input(page, "bt-from").FillAsync("2021-02-01");
        await Input(page, "bt-to").FillAsync("2021-02-03");
        await page.Locator("#bt-run").ClickAsync();

        var id = await BacktestWatch.StartedAsync(page);
        var state = await BacktestWatch.UntilOverAsync(page, fixture.Platform, id, TimeSpan.FromSeconds(120));
        Assert.True(state == "Finished", $"backtest {id} ended {state}: {await page.Locator("#bt-state").InnerTextAsync()}");
        var equity = page.Locator("img#bt-equity");
        await Expect(equity).ToBeVisibleAsync();
        Assert.True(await equity.EvaluateAsync<int>("img => img.naturalWidth") > 100, "the equity picture did not load");
        await Expect(page.Locator("#bt-verdict")).ToContainTextAsync("after costs");
        foreach (var figure in new[] { "total-return", "sharpe", "max-drawdown", "win-rate", "commissions" })
            await Expect(page.Locator($"#bt-metrics td.{figure}")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        // Two days of returns: the annualised Sharpe is shown with that said.
        await Expect(page.Locator("#bt-metrics td.sharpe")).ToContainTextAsync("too few to mean much");
        await Expect(page.Locator("#bt-trades tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "backtest-report");

        // Kept: listed with its figures, reopened from the list, and on disk under Plan2__DataDir.
        await page.GotoAsync("/backtests");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var row = page.Locator("#backtest-runs tbody tr", new() { HasText = "USDCHF_M1.csv" });
        await Expect(row.First).ToContainTextAsync("Finished");
        await row.First.Locator(".run-open").ClickAsync();
        await Expect(page.Locator("img#bt-equity")).ToBeVisibleAsync();
        var folder = Path.Combine(fixture.Platform.DataDir, "backtests", id);
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json")));
        Assert.Equal("Finished", record.RootElement.GetProperty("State").GetString());
        var trades = File.ReadAllLines(Path.Combine(folder, "trades.csv")).Length - 1;
        Assert.Equal(trades, record.RootElement.GetProperty("Summary").GetProperty("Trades").GetInt32());
        Assert.True(File.Exists(Path.Combine(folder, "equity.png")));
    }

    /// <summary>
    /// Cancel really stops the run: a generated million bars (minutes of work, not the seconds a shared file now takes,
    /// so the cancel cannot lose a race with the end) ends Cancelled on the page and on disk, without a report.
    /// </summary>
    [Fact]
    public async Task Backtest_CanBeCancelledWhileItRuns()
    {
        var file = LongHistory.Ensure(fixture.Platform);
        var page = await fixture.OpenAsync("/backtests");
        await ChooseAsync(page, "#bt-file", file);
        await Expect(Input(page, "bt-symbol")).ToHaveValueAsync(LongHistory.Symbol); // the file's name implies the pair: wait for it
        await page.Locator("#bt-run").ClickAsync();
        var id = await BacktestWatch.StartedAsync(page);
        await Expect(page.Locator("#bt-state")).ToHaveAttributeAsync("data-state", "Running", new() { Timeout = 60_000 });
        await page.Locator("#bt-cancel").ClickAsync();
        await Expect(page.Locator("#bt-state")).ToHaveAttributeAsync("data-state", "Cancelled", new() { Timeout = 60_000 });
        await Expect(page.Locator("#bt-equity")).ToHaveCountAsync(0);

        var folder = Path.Combine(fixture.Platform.DataDir, "backtests", id);
        using (var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"))))
        {
            Assert.Equal("Cancelled", record.RootElement.GetProperty("State").GetString());
            Assert.True(record.RootElement.GetProperty("Progress").GetDouble() < 1, "the run was not stopped before its end");
        }
        Assert.False(File.Exists(Path.Combine(folder, "metrics.json")), "a cancelled run went on to write its report");
    }

    [Fact]
    public async Task Backtest_ThatDoesNotEndInTime_FailsSayingWhatThePageAndTheServerShow()
    {
        var page = await fixture.OpenAsync("/backtests");
        await ChooseAsync(page, "#bt-file", LongHistory.Ensure(fixture.Platform)); // minutes of work: cannot end within the second given
        await Expect(Input(page, "bt-symbol")).ToHaveValueAsync(LongHistory.Symbol);
        await page.Locator("#bt-run").ClickAsync();
        var id = await BacktestWatch.StartedAsync(page);
        await Expect(page.Locator("#bt-cancel")).ToBeVisibleAsync();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => BacktestWatch.UntilOverAsync(page, fixture.Platform, id, TimeSpan.FromSeconds(1)));
        Assert.Contains($"Backtest {id}: the run did not end within 1 s", failure.Message);
        Assert.Matches("Page: state (Queued|Running)", failure.Message);
        Assert.Matches("Server record: (Queued|Running)", failure.Message);
        Assert.Contains("reconnect UI none", failure.Message); // the circuit is up
        await page.Locator("#bt-cancel").ClickAsync();
        Assert.Equal("Cancelled", await BacktestWatch.UntilOverAsync(page, fixture.Platform, id, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Backtest_WithAPeriodThatEndsBeforeItStarts_IsRefusedWithTheReason()
    {
        var page = await fixture.OpenAsync("/backtests");
        await ChooseAsync(page, "#bt-file", "mt-m1-2021/AUDUSD_M1.csv");
        await Input(page, "bt-from").FillAsync("2021-02-05");
        await Input(page, "bt-to").FillAsync("2021-02-01");
        await page.Locator("#bt-run").ClickAsync();
        await Expect(page.Locator("#bt-error")).ToContainTextAsync("ends before it starts");
    }

    private static ILocator Input(IPage page, string id) => page.Locator($"input#{id}, #{id} input");

    /// <summary>Opens a MudSelect and picks the item with exactly this text.</summary>
    private static async Task ChooseAsync(IPage page, string select, string item)
    {
        await page.Locator(select).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = item }).First.ClickAsync();
    }
}
