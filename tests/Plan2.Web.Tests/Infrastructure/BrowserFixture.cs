using Microsoft.Playwright;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>
/// One platform and one headless Chromium shared by every browser test (starting either takes seconds).
/// Debian's Chromium at /usr/bin/chromium (test.sh installs the package); Playwright downloads no browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public EmbeddedPlatform Platform { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The users of the tenant "Desk" the tests act as, made through the API at start.</summary>
    public TestDesk Desk { get; private set; } = default!;

    /// <summary>The trader's signed-in browser state (cookie), so each test's fresh profile starts signed in.</summary>
    private string _traderState = "";

    /// <summary>Screenshots and measurements: the test output folder's artifacts/ (bin/Release/net10.0/artifacts).</summary>
    public static string ArtifactsDir { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        File.Delete(ConsoleLogPath); // this run's console only: an old run's errors would send a reader astray
        Log(RunStarted);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (test.sh does).");
        Assertions.SetDefaultExpectTimeout(30_000); // a loaded two-core machine: the platform warms up while tests run
        Platform = await EmbeddedPlatform.StartAsync();
        Desk = await TestDesk.CreateAsync(Platform);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
        var page = await NewPageAsync(signedIn: false);
        await SignInAsync(page, Desk.Trader);
        _traderState = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Debian's Chromium, headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    /// <summary>
    /// A fresh browser profile (own local storage) at a desktop size, its pages failing fast; signed in as
    /// the desk's trader unless <paramref name="signedIn"/> is false.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, bool signedIn = true)
    {
        var page = await NewPageAsync(Browser, Platform.Url, signedIn ? _traderState : null, width, height);
        lock (_open) _open.Add(page.Context);
        return page;
    }

    private readonly List<IBrowserContext> _open = [];

    /// <summary>
    /// Ends the profiles opened since the last call (<see cref="BrowserTest"/> calls it when each test ends).
    /// Each live page first says goodbye as a closing tab does (Blazor's disconnect beacon), so the server ends its
    /// circuit at once; a profile closed without it leaves a disconnected circuit that the server keeps, its timers
    /// running, for minutes, and a run's circuits would pile up.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        List<IBrowserContext> open;
        lock (_open) { open = [.. _open]; _open.Clear(); }
        foreach (var context in open)
        {
            foreach (var page in context.Pages.Where(p => !p.IsClosed))
            {
                try { await EndCircuitAsync(page); }
                catch (PlaywrightException e) { Log($"cleanup: {page.Url}: {e.Message}"); } // closed below all the same
            }
            await context.CloseAsync();
        }
    }

    /// <summary>Sends Blazor's disconnect beacon (what leaving the page sends) and waits for it to be answered.</summary>
    private static async Task EndCircuitAsync(IPage page)
    {
        var interactive = page.Url.StartsWith("http", StringComparison.Ordinal)
            && await page.EvaluateAsync<bool>("() => window.plan2 !== undefined && window.plan2.interactiveAt !== undefined");
        if (!interactive)
            return; // no circuit (a sign-in form, a blank page): nothing to tell the server
        await page.RunAndWaitForRequestFinishedAsync(() => page.EvaluateAsync("() => Blazor.disconnect()"),
            new() { Predicate = r => r.Url.EndsWith("/_blazor/disconnect", StringComparison.Ordinal), Timeout = 10_000 });
    }

    public static async Task<IPage> NewPageAsync(IBrowser browser, string url, string? state, int width = 1366, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url, ViewportSize = new ViewportSize { Width = width, Height = height }, StorageState = state,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        // The browser's console and script errors beside the screenshots: the first place to look when a test fails.
        page.Console += (_, message) => Log($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => Log("page error: " + error);
        return page;
    }

    private static readonly Lock LogGate = new();

    /// <summary>Every page's console and script errors of this run (emptied when the run starts).</summary>
    public static string ConsoleLogPath { get; } = Path.Combine(ArtifactsDir, "browser-console.log");

    public const string RunStarted = "browser tests started";

    private static void Log(string line)
    {
        lock (LogGate)
            File.AppendAllText(ConsoleLogPath, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
    }

    /// <summary>
    /// A fresh page at <paramref name="path"/>, once interactive: Blazor prerenders, so a click or keystroke
    /// before the circuit is up would be lost. The layout's first interactive render marks window.plan2.interactiveAt.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>Signs in on the sign-in page (the page is wherever the browser was sent to sign in) and waits for the dashboard.</summary>
    public static async Task SignInAsync(IPage page, TestUser user, string path = "/")
    {
        if (!page.Url.Contains("/sign-in", StringComparison.Ordinal))
            await page.GotoAsync("/sign-in?ReturnUrl=" + Uri.EscapeDataString(path));
        await page.Locator("#email").FillAsync(user.Email);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("#sign-in").ClickAsync();
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>A fresh profile signed in as <paramref name="user"/> on <paramref name="path"/>, once interactive.</summary>
    public async Task<IPage> OpenAsAsync(TestUser user, string path)
    {
        var page = await NewPageAsync(signedIn: false);
        await page.GotoAsync("/sign-in?ReturnUrl=" + Uri.EscapeDataString(path));
        await SignInAsync(page, user, path);
        return page;
    }

    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.plan2 && window.plan2.interactiveAt !== undefined");

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Platform is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(ArtifactsDir, "platform.log"), Platform.Output);
            await Platform.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
