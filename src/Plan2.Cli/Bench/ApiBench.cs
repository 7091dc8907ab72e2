using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Plan2.Cli.Bench;

/// <summary>
/// <c>plan2 bench api</c>: wrk (Debian's package) on loopback against the embedded platform, first the bare
/// endpoint (no authentication, no grain), then authenticated <c>GET /api/quotes/EURUSD</c> (JWT validated,
/// tenant quota counted, the instrument grain read), each after an untimed warm-up. Any answer but 200
/// fails the run: a 429 would mean the quota, not the server, set the figure.
/// </summary>
internal static partial class ApiBench
{
    private const int WarmUpSeconds = 5, SettleRunSeconds = 2;

    public static async Task<BenchResult> RunAsync(int seconds, int connections, int threads, CancellationToken ct)
    {
        RequireWrk();
        await using var platform = await BenchPlatform.StartAsync(maxLiveConnections: 100, ct);
        await platform.PublishQuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var bare = new Uri(platform.Address, BenchPlatform.BarePath).ToString();
        var quotes = new Uri(platform.Address, "/api/quotes/EURUSD").ToString();
        var auth = "Authorization: Bearer " + platform.ViewerToken;

        // Warm-up: JIT, tiering, pools. Two seconds left tiered compilation at work in the timed runs: with wrk
        // on the same cores it gets little CPU, and a profile 10 s into load still found it in 1 sample of 4. So both
        // endpoints are loaded in turn until the JIT has settled.
        await WrkAsync(bare, null, WarmUpSeconds, connections, threads, ct);
        await WrkAsync(quotes, auth, WarmUpSeconds, connections, threads, ct);
        var settling = new JitSettling();
        while (!settling.Check())
        {
            await WrkAsync(bare, null, SettleRunSeconds, connections, threads, ct);
            await WrkAsync(quotes, auth, SettleRunSeconds, connections, threads, ct);
        }
        var bareRun = await WrkAsync(bare, null, seconds, connections, threads, ct);
        var quoteRun = await WrkAsync(quotes, auth, seconds, connections, threads, ct);

        return new BenchResult("api")
            .Add("requests_per_second", Math.Round(quoteRun.RequestsPerSecond))
            .Add("p99_ms", Math.Round(quoteRun.P99Ms, 3))
            .Add("bare_requests_per_second", Math.Round(bareRun.RequestsPerSecond))
            .Add("bare_p99_ms", Math.Round(bareRun.P99Ms, 3))
            .Add("ratio_to_bare", Math.Round(quoteRun.RequestsPerSecond / bareRun.RequestsPerSecond, 3))
            .Add("server_cpu_us_per_request", Math.Round(quoteRun.ServerCpuUs, 2))
            .Add("wrk_cpu_us_per_request", Math.Round(quoteRun.WrkCpuUs, 2))
            .Add("bare_server_cpu_us_per_request", Math.Round(bareRun.ServerCpuUs, 2))
            .Add("bare_wrk_cpu_us_per_request", Math.Round(bareRun.WrkCpuUs, 2))
            // What the machine could serve at most if its cores did nothing but this server and wrk (both on them, as
            // the goal has it): every core-µs a request costs, server's and wrk's, taken from the cores there are.
            .Add("cpu_ceiling_requests_per_second", Ceiling(quoteRun))
            .Add("bare_cpu_ceiling_requests_per_second", Ceiling(bareRun))
            .Add("requests", quoteRun.Requests)
            .Add("connections", connections)
            .Add("wrk_threads", threads)
            .Add("seconds", seconds)
            .Add("tenant_requests_per_minute", BenchPlatform.BenchTenantRequestsPerMinute)
            .Add("warm_up_seconds", Math.Round(2 * WarmUpSeconds + settling.Elapsed.TotalSeconds, 1))
            .Add("warm_up", $"{WarmUpSeconds} s of each endpoint, then both in turn ({SettleRunSeconds} s each) " + settling.Rule)
            .Add("jit_settled", settling.Settled);

        static double Ceiling(WrkRun run) => Math.Round(Environment.ProcessorCount * 1e6 / (run.ServerCpuUs + run.WrkCpuUs));
    }

    /// <summary>One wrk run; the CPU figures are per request: this process (the platform) and wrk, each over the run.</summary>
    internal sealed record WrkRun(double RequestsPerSecond, double P99Ms, long Requests, double ServerCpuUs = 0, double WrkCpuUs = 0);

    private static async Task<WrkRun> WrkAsync(string url, string? header, int seconds, int connections, int threads, CancellationToken ct)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--latency" })
            start.ArgumentList.Add(arg);
        if (header is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }
        start.ArgumentList.Add(url);
        var (self, children) = (ProcessorTime.OfSelf(), ProcessorTime.OfChildren());
        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEndAsync(ct);
        var errors = wrk.StandardError.ReadToEndAsync(ct);
        await wrk.WaitForExitAsync(ct);
        var (server, client) = (ProcessorTime.OfSelf() - self, ProcessorTime.OfChildren() - children);
        var run = Parse(await output, url, wrk.ExitCode == 0 ? null : await errors);
        return run with { ServerCpuUs = server.TotalMicroseconds / run.Requests, WrkCpuUs = client.TotalMicroseconds / run.Requests };
    }

    /// <summary>Reads wrk's summary: "Requests/sec:", the "99%" latency line and any non-2xx or socket errors (which fail the run).</summary>
    internal static WrkRun Parse(string output, string url, string? failure = null)
    {
        if (failure is not null)
            throw new InvalidOperationException($"wrk {url} failed: {failure}{output}");
        if (NonSuccess().Match(output) is { Success: true } bad)
            throw new InvalidOperationException($"wrk {url}: {bad.Groups[1].Value} answers were not 2xx (a quota or an error, not the server's speed):\n{output}");
        if (SocketErrors().Match(output) is { Success: true } socket && socket.Value.Contains("timeout", StringComparison.Ordinal) && !socket.Value.EndsWith("timeout 0", StringComparison.Ordinal))
            Console.Error.WriteLine($"wrk {url}: {socket.Value}");
        var rps = RequestsPerSecond().Match(output);
        var p99 = P99().Match(output);
        var total = TotalRequests().Match(output);
        if (!rps.Success || !p99.Success || !total.Success)
            throw new InvalidOperationException($"wrk {url}: could not read its summary:\n{output}");
        return new WrkRun(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static double Milliseconds(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch { "us" => v / 1000, "ms" => v, "s" => v * 1000, "m" => v * 60_000, _ => throw new FormatException($"wrk latency unit '{unit}'") };
    }

    private static void RequireWrk()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "wrk")));
        if (!found)
            throw new InvalidOperationException("bench api needs wrk on PATH: apt-get install wrk (build/bench.sh installs it).");
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+99%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors:[^\n]*")]
    private static partial Regex SocketErrors();
}
