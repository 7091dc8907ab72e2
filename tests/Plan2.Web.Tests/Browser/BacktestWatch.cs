using System.Text.Json;
using Microsoft.Playwright;
using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// Waits for a backtest's page to show the run ended, and when it does not, says why: the page's state and
/// progress, the run's record on the server's disk, whether the page's circuit is reconnecting, and the platform's
/// last log lines. A run that stops moving fails after <see cref="Stall"/> rather than at the overall limit.
/// </summary>
internal static class BacktestWatch
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60); // no progress on the page for this long
    private static readonly TimeSpan PageBehind = TimeSpan.FromSeconds(10); // the server's record ended, the page still not

    private const string ReadPage = """
        () => {
          const state = document.getElementById('bt-state');
          const modal = document.getElementById('components-reconnect-modal');
          return {
            state: state?.dataset.state ?? '(no #bt-state)',
            text: (state?.innerText ?? '').trim().slice(0, 200),
            reconnect: modal ? (modal.className || 'present') + (modal.open ? ' open' : '') : 'none',
          };
        }
        """;

    /// <summary>After "Run": the new run's id once its page opened, or the form's refusal as the failure.</summary>
    public static async Task<string> StartedAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => /\\/backtests\\/[0-9]{8}-/.test(location.pathname) || document.getElementById('bt-error')");
        var refused = page.Locator("#bt-error");
        if (!page.Url.Contains("/backtests/", StringComparison.Ordinal) && await refused.CountAsync() > 0)
            throw new InvalidOperationException("The backtest was refused: " + await refused.InnerTextAsync());
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    public static async Task<string> UntilOverAsync(IPage page, EmbeddedPlatform platform, string id, TimeSpan limit)
    {
        var started = DateTime.UtcNow;
        var moved = started;
        var serverEndedAt = DateTime.MaxValue;
        var last = "";
        while (true)
        {
            var now = DateTime.UtcNow;
            var shown = await page.EvaluateAsync<JsonElement>(ReadPage);
            var state = shown.GetProperty("state").GetString()!;
            var text = shown.GetProperty("text").GetString()!;
            if (state is "Finished" or "Failed" or "Cancelled" or "Interrupted")
                return state;
            if (text != last) { last = text; moved = now; }
            var record = ServerRecord(platform, id);
            if (record.StartsWith("Finished", StringComparison.Ordinal) || record.StartsWith("Failed", StringComparison.Ordinal))
                serverEndedAt = serverEndedAt == DateTime.MaxValue ? now : serverEndedAt;
            var why = now - serverEndedAt > PageBehind ? $"the run ended on the server but the page did not show it within {PageBehind.TotalSeconds:0} s"
                : now - moved > Stall ? $"the page showed no progress for {Stall.TotalSeconds:0} s"
                : now - started > limit ? $"the run did not end within {limit.TotalSeconds:0} s"
                : null;
            if (why is not null)
                throw new TimeoutException(
                    $"Backtest {id}: {why}. Page: state {state}, \"{text}\", reconnect UI {shown.GetProperty("reconnect").GetString()}, url {page.Url}. " +
                    $"Server record: {record}. Platform log (last lines):\n{Tail(platform.Output, 15)}");
            await Task.Delay(250);
        }
    }

    /// <summary>The run's state (and error) as the server last saved it under Plan2__DataDir.</summary>
    private static string ServerRecord(EmbeddedPlatform platform, string id)
    {
        try
        {
            using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(platform.DataDir, "backtests", id, "run.json")));
            var state = run.RootElement.GetProperty("State").GetString();
            return run.RootElement.TryGetProperty("Error", out var e) && e.ValueKind == JsonValueKind.String ? $"{state}: {e.GetString()}" : $"{state}";
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return "(not readable: " + e.Message + ")";
        }
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
}
