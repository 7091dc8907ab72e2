using System.Text.Json;
using Microsoft.Playwright;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>
/// Where a first visit's time goes, on the page's own clock (ms from navigation start): navigation and resource
/// timing for the document and its files, and the circuit's WebSocket messages (recorded by a script that runs
/// before the page's own, so every message of Blazor's start-up is seen, named by the hub method it carries).
/// </summary>
public sealed record PageTimeline(IReadOnlyDictionary<string, double> Phases, string Detail)
{
    /// <summary>Wraps WebSocket before any page script: notes each frame's time, direction, size and hub method.</summary>
    public const string InitScript = """
        (() => {
          const events = window.__plan2Socket = [];
          // Most specific first: a frame may carry several messages (a render batch and the end of an update).
          const names = ['JS.RenderBatch', 'JS.EndUpdateRootComponents', 'JS.BeginInvokeJS', 'JS.AttachComponent', 'JS.EndInvokeDotNet',
                         'StartCircuit', 'UpdateRootComponents', 'OnRenderCompleted', 'EndInvokeJSFromDotNet', 'BeginInvokeDotNetFromJS'];
          const name = data => {
            const text = typeof data === 'string' ? data : new TextDecoder('latin1').decode(data);
            return names.find(n => text.includes(n)) ?? (text.includes('"protocol"') ? 'handshake' : text.length <= 3 ? 'empty' : 'other');
          };
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              events.push({ what: 'created', at: performance.now() });
              this.addEventListener('open', () => events.push({ what: 'open', at: performance.now() }));
              this.addEventListener('message', e => events.push({ what: 'in ' + name(e.data), at: performance.now(), size: e.data.byteLength ?? e.data.length }));
            }
            send(data) {
              events.push({ what: 'out ' + name(data), at: performance.now(), size: data.byteLength ?? data.length });
              super.send(data);
            }
          };
        })();
        """;

    /// <summary>Tells the test through a binding when plan2.js marks the page interactive: both assignments are watched, nothing polls.</summary>
    private const string InteractiveHook = """
        (() => {
          let plan2;
          Object.defineProperty(window, 'plan2', { configurable: true, enumerable: true, get: () => plan2, set: value => {
            plan2 = value;
            let at;
            Object.defineProperty(value, 'interactiveAt', { configurable: true, enumerable: true, get: () => at,
              set: ms => { at = ms; window.__plan2Interactive(); } });
          } });
        })();
        """;

    /// <summary>
    /// Opens <paramref name="path"/> on a fresh page with the recorder in place and waits until the page marks itself
    /// interactive, evaluating nothing in it before then. Playwright's WaitForFunction would first compile its
    /// injected script on the page's main thread: a 39 ms task in the middle of the circuit's start in the first
    /// visit's trace, which no visitor's browser runs. The page tells the test instead, through a binding.
    /// </summary>
    public static async Task VisitAsync(IPage page, string path)
    {
        var interactive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.ExposeFunctionAsync("__plan2Interactive", () => { interactive.TrySetResult(); });
        await page.AddInitScriptAsync(InitScript);
        await page.AddInitScriptAsync(InteractiveHook);
        await page.GotoAsync(path);
        await interactive.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private const string Collect = """
        () => {
          const n = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const files = performance.getEntriesByType('resource').map(r => ({
            name: new URL(r.name).pathname, type: r.initiatorType, start: r.startTime, end: r.responseEnd, bytes: r.transferSize, body: r.decodedBodySize }));
          return { server: n.responseStart, html: n.responseEnd, domReady: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                   paint: fcp ? fcp.startTime : -1, interactive: window.plan2?.interactiveAt ?? -1, files, socket: window.__plan2Socket ?? [] };
        }
        """;

    /// <summary>Reads the timeline of a loaded page; a page that opened no circuit has -1 for the circuit's phases and interactive.</summary>
    public static async Task<PageTimeline> ReadAsync(IPage page)
    {
        var t = await page.EvaluateAsync<JsonElement>(Collect);
        var phases = new Dictionary<string, double>
        {
            ["server"] = Ms(t, "server"), // the document's first byte
            ["html"] = Ms(t, "html"),
        };
        var files = t.GetProperty("files").EnumerateArray().ToList();
        double End(Func<string, bool> which) =>
            files.Where(f => which(f.GetProperty("name").GetString()!)).Select(f => f.GetProperty("end").GetDouble()).DefaultIfEmpty(-1).Max();
        phases["styles"] = Math.Round(End(n => n.EndsWith(".css", StringComparison.Ordinal)), 1);
        phases["scripts"] = Math.Round(End(n => n.EndsWith(".js", StringComparison.Ordinal) && !n.EndsWith("sw.js", StringComparison.Ordinal)), 1);
        phases["dom_ready"] = Ms(t, "domReady");
        phases["contentful_paint"] = Ms(t, "paint");
        phases["load"] = Ms(t, "load");
        phases["negotiated"] = Math.Round(End(n => n.EndsWith("/_blazor/negotiate", StringComparison.Ordinal)), 1);
        var socket = t.GetProperty("socket").EnumerateArray().Select(e => (What: e.GetProperty("what").GetString()!, At: e.GetProperty("at").GetDouble())).ToList();
        double First(string what) => socket.Where(e => e.What == what).Select(e => Math.Round(e.At, 1)).DefaultIfEmpty(-1).First();
        phases["socket_open"] = First("open");
        phases["circuit_requested"] = First("out StartCircuit");
        phases["first_render_batch"] = First("in JS.RenderBatch");
        phases["interactive"] = Ms(t, "interactive");
        var detail = string.Join("; ", files.Select(f =>
            $"{f.GetProperty("name").GetString()} {f.GetProperty("start").GetDouble():0}-{f.GetProperty("end").GetDouble():0} ms {f.GetProperty("bytes").GetDouble():0}/{f.GetProperty("body").GetDouble():0} B"))
            + " | socket: " + string.Join(", ", socket.Select(e => $"{e.What}@{e.At:0}"));
        return new PageTimeline(phases, detail);
    }

    private static double Ms(JsonElement t, string name) => Math.Round(t.GetProperty(name).GetDouble(), 1);
}
