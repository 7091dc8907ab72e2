using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// Where a first visit's time goes inside the browser: a Chromium trace of one fresh visit, its page main thread's
/// work summed by kind (script compile and run, HTML and stylesheet parsing, style, layout, paint) and its longest
/// tasks in order, beside the files with their sizes and the circuit's socket messages. Written to
/// artifacts/first-visit-breakdown.txt for a reader; nothing about time is asserted (a loaded machine).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstVisitBreakdownTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task FirstVisit_MainThreadWork_IsWrittenDown()
    {
        await (await fixture.OpenAsync("/")).Context.CloseAsync(); // the server's first render done before
        var page = await fixture.NewPageAsync();
        // The largest message the circuit received before the page became interactive (the page's first full render).
        await page.AddInitScriptAsync("""
            (() => {
              const Native = window.WebSocket;
              window.WebSocket = class extends Native {
                constructor(...args) {
                  super(...args);
                  this.addEventListener('message', e => {
                    const text = typeof e.data === 'string' ? e.data : new TextDecoder('latin1').decode(e.data);
                    if (window.plan2?.interactiveAt === undefined && text.length > (window.__plan2Largest ?? '').length) window.__plan2Largest = text;
                  });
                }
              };
            })();
            """);
        // Chromium's tracing over the DevTools protocol: its events come in chunks until the trace is complete.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var traceEvents = new List<JsonElement>();
        var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("Tracing.dataCollected").OnEvent += (_, e) => { lock (traceEvents) traceEvents.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(v => v.Clone())); };
        cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await cdp.SendAsync("Tracing.start", new()
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["includedCategories"] = new[] { "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading", "v8", "toplevel", "__metadata" },
            },
        });
        await PageTimeline.VisitAsync(page, "/");
        var timeline = await PageTimeline.ReadAsync(page);
        await cdp.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        List<JsonElement> trace;
        lock (traceEvents) trace = [.. traceEvents];

        var report = new StringBuilder();
        report.AppendLine("phases (ms from navigation start): " + string.Join(", ", timeline.Phases.Select(p => $"{p.Key} {p.Value}")));
        report.AppendLine("files and socket: " + timeline.Detail);
        report.AppendLine("socket messages (what@ms size B): " + await page.EvaluateAsync<string>(
            "() => window.__plan2Socket.map(e => `${e.what}@${Math.round(e.at)} ${e.size ?? ''}`).join(', ')"));
        report.AppendLine($"document: {await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length")} elements, "
            + $"{await page.EvaluateAsync<int>("() => [...document.styleSheets].reduce((n, s) => { try { return n + s.cssRules.length; } catch { return n; } }, 0)")} style rules");
        report.Append(MainThread(trace, timeline.Phases, fixture.Platform.Url));
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDir, "first-visit-breakdown.txt"), report.ToString());
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDir, "first-visit-largest-frame.txt"), await page.EvaluateAsync<string>("() => window.__plan2Largest ?? ''"));
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDir, "first-visit.html"), await (await page.APIRequest.GetAsync("/")).TextAsync());
        output.WriteLine(report.ToString());
        Assert.True(timeline.Phases["interactive"] > 0);
    }

    /// <summary>The script or stylesheet an event is about, where the trace names one.</summary>
    private static string FileOf(JsonElement e)
    {
        if (!e.TryGetProperty("args", out var args))
            return "";
        var url = args.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("url", out var u) ? u.GetString()
            : args.TryGetProperty("fileName", out var f) ? f.GetString() : null;
        return string.IsNullOrEmpty(url) ? "" : "(" + url[(url.LastIndexOf('/') + 1)..] + ")";
    }

    private static readonly string[] Kinds =
    [
        "ParseHTML", "EvaluateScript", "v8.compile", "v8.compileModule", "FunctionCall", "ParseAuthorStyleSheet", "UpdateLayoutTree",
        "Layout", "PrePaint", "Paint", "Layerize", "TimerFire", "EventDispatch", "RunMicrotasks", "MinorGC", "MajorGC", "HitTest",
        "XHRReadyStateChange", "FireAnimationFrame", "V8.GC_SCAVENGER", "v8.run",
    ];

    /// <summary>
    /// The page's main thread from navigation start to interactive, phase by phase: how long it was busy (the rest it
    /// waited for the network or the server) and on what, and its longest tasks.
    /// </summary>
    private static string MainThread(List<JsonElement> events, IReadOnlyDictionary<string, double> phases, string origin)
    {
        static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        static double Num(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
        // The renderer that loaded the page: its main frame's navigation start names the page's address.
        var start = events.LastOrDefault(e => Str(e, "name") == "navigationStart" && e.TryGetProperty("args", out var a)
            && a.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("documentLoaderURL", out var u)
            && (u.GetString() ?? "").StartsWith(origin, StringComparison.Ordinal));
        if (start.ValueKind == JsonValueKind.Undefined) // another Chromium may name its trace events otherwise: say so, don't fail
            return $"main thread: the trace ({events.Count} events) holds no navigationStart for {origin}\n";
        var (pid, tid, navigation) = (Num(start, "pid"), Num(start, "tid"), Num(start, "ts"));
        var until = phases["interactive"];
        var onMain = events.Where(e => Str(e, "ph") == "X" && Num(e, "pid") == pid && Num(e, "tid") == tid)
            .Select(e => (Name: Str(e, "name"), At: (Num(e, "ts") - navigation) / 1000, Ms: Num(e, "dur") / 1000, File: FileOf(e)))
            .Where(e => e.At >= 0 && e.At <= until).OrderBy(e => e.At).ToList();
        var tasks = onMain.Where(e => e.Name == "RunTask").ToList();
        var md = new StringBuilder();
        md.AppendLine($"main thread until interactive ({until:0} ms): busy {tasks.Sum(t => t.Ms):0} ms in {tasks.Count} tasks");
        string[] order = ["html", "scripts", "dom_ready", "socket_open", "circuit_requested", "first_render_batch", "interactive"];
        var from = 0.0;
        foreach (var phase in order)
        {
            var to = phases[phase];
            var inPhase = onMain.Where(e => e.At >= from && e.At < to).ToList();
            var busy = inPhase.Where(e => e.Name == "RunTask").Sum(e => e.Ms);
            md.AppendLine($"  up to {phase} ({from:0}-{to:0} ms, {to - from:0} ms): main thread busy {busy:0} ms: " + string.Join(", ", Kinds
                .Select(k => (Kind: k, Ms: inPhase.Where(e => e.Name == k).Sum(e => e.Ms))).Where(k => k.Ms >= 1)
                .OrderByDescending(k => k.Ms).Select(k => $"{k.Kind} {k.Ms:0}")));
            from = to;
        }
        md.AppendLine("scripts and stylesheets (compile, run, parse ms): " + string.Join(", ", onMain
            .Where(e => e.File.Length > 0 && e.Name is "EvaluateScript" or "v8.compile" or "ParseAuthorStyleSheet" or "v8.run")
            .GroupBy(e => (e.Name, e.File)).Select(g => $"{g.Key.Name}{g.Key.File} {g.Sum(e => e.Ms):0.0}")));
        md.AppendLine("tasks over 5 ms (start ms: length ms, what is in it over 2 ms):");
        foreach (var task in tasks.Where(t => t.Ms > 5))
        {
            var inside = onMain.Where(e => e.At >= task.At && e.At + e.Ms <= task.At + task.Ms + 0.01 && e.Ms > 2 && Kinds.Contains(e.Name))
                .Select(e => $"{e.Name}{e.File} {e.Ms:0.0}");
            md.AppendLine($"  {task.At:0}: {task.Ms:0.0} [{string.Join(", ", inside)}]");
        }
        return md.ToString();
    }
}
