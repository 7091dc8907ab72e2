using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Plan2.Web.Tests.Browser;

/// <summary>What a first visit costs before the page answers: files sent compressed, and the circuit opened without extra round trips.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstVisitTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Theory]
    [InlineData("_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("js/plan2.js")]
    public async Task StylesAndScripts_AreSentCompressedAsBuilt(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Platform.Url) };
        var plain = await http.GetByteArrayAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var sent = await response.Content.ReadAsByteArrayAsync();
        using var unzipped = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(sent), CompressionMode.Decompress))
            await gzip.CopyToAsync(unzipped);
        Assert.Equal(plain, unzipped.ToArray());
        // Really compressed, not stored in a gzip wrapper (text compresses to well under half).
        Assert.True(sent.Length < plain.Length / 2, $"{path}: {sent.Length} bytes sent for {plain.Length}");
    }

    [Fact]
    public async Task BlazorsScript_IsLinkedByFingerprint_SentCompressedAndImmutable_SoALaterVisitDoesNotAskForItAgain()
    {
        var page = await fixture.NewPageAsync();
        var libraries = new List<(string Path, string CacheControl, string Encoding)>();
        page.Response += async (_, r) =>
        {
            var path = new Uri(r.Url).AbsolutePath;
            if (!path.Contains("/blazor.web.", StringComparison.Ordinal))
                return;
            var headers = await r.AllHeadersAsync();
            lock (libraries) libraries.Add((path, headers.GetValueOrDefault("cache-control", ""), headers.GetValueOrDefault("content-encoding", "")));
        };
        await page.GotoAsync("/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        for (var i = 0; i < 50 && libraries.Count < 1; i++)
            await Task.Delay(100); // the handlers read the headers asynchronously
        lock (libraries)
        {
            Assert.Single(libraries);
            Assert.All(libraries, f =>
            {
                // A fingerprint in the name (blazor.web.9hsif5t8mt.js): the address changes whenever the file does.
                Assert.Matches(@"\.[a-z0-9]{10}\.(css|js)$", f.Path);
                Assert.Contains("immutable", f.CacheControl);
                Assert.Equal("gzip", f.Encoding);
            });
        }

        // Another page of the same profile: it comes from the browser's cache, not even revalidated (a
        // revalidation is a round trip the page waits for; "no-cache" files are revalidated on every visit).
        await page.GotoAsync("/markets");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var fromServer = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').filter(r => r.transferSize > 0).map(r => new URL(r.name).pathname)");
        Assert.DoesNotContain(fromServer, p => p.Contains("/blazor.web.", StringComparison.Ordinal));
        await page.Locator("#theme-toggle").ClickAsync(); // and the page works from the cached files
        await Expect(page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
    }

    [Fact]
    public async Task NoLibraryHasAJavaScriptInitializer_SoThePageMaySkipAskingForThem()
    {
        // js/plan2.js starts Blazor with no initializers instead of fetching this list: a library that brings one must change that.
        var page = await fixture.OpenAsync("/");
        Assert.Equal("[]", await page.EvaluateAsync<string>("async () => (await fetch('_blazor/initializers')).text()"));
    }

    [Fact]
    public async Task FirstPage_IsPrerenderedWithoutTheClustersFigures_WhichFollowOnceItIsInteractive()
    {
        var page = await fixture.NewPageAsync();
        var prerendered = await (await page.APIRequest.GetAsync("/")).TextAsync(); // the server's HTML, as the browser first gets it
        Assert.Contains("id=\"quotes\"", prerendered); // the page itself is there at once
        Assert.DoesNotContain("id=\"silos\"", prerendered); // no grain call holds its first byte back

        await page.GotoAsync("/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("#silo-count")).ToContainTextAsync("1 active");
    }

    [Fact]
    public async Task FirstPage_OpensItsCircuitStraightOverAWebSocket_AndAnswersInput()
    {
        var page = await fixture.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(new Uri(r.Url).AbsolutePath); };
        var sockets = new List<string>();
        page.WebSocket += (_, s) => { lock (sockets) sockets.Add(new Uri(s.Url).AbsolutePath); };
        await page.GotoAsync("/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        lock (requests)
        {
            Assert.DoesNotContain("/_blazor/negotiate", requests);
            Assert.DoesNotContain("/_blazor/initializers", requests);
        }
        lock (sockets) Assert.Equal("/_blazor", Assert.Single(sockets));
        await page.Locator("#theme-toggle").ClickAsync(); // interactive means a click is handled by the circuit
        await Expect(page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
    }
}
