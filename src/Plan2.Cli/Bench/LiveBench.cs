using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Hosting.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.Cli.Bench;

/// <summary>
/// <c>plan2 bench live --subscribers N</c>: quotes entering the bridge (the C# twin of the Expert Advisor,
/// speaking the bridge protocol on loopback) until N SignalR subscribers of /hubs/market have each received
/// them, per subscriber and quote, as p50/p99/max in milliseconds. The platform runs in this process; the
/// subscribers in child processes of this same program (at most <see cref="PerProcess"/> connections each:
/// a process may hold 20,000 sockets here, and the server needs one per subscriber too), one WebSocket
/// connection per subscriber. Quotes go one every <see cref="Interval"/>, so each is a fan-out of its own.
/// </summary>
internal static class LiveBench
{
    private const int PerProcess = 4_000;
    private const int WarmUp = 10;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<BenchResult> RunAsync(int[] subscriberCounts, int quotes, CancellationToken ct)
    {
        var result = new BenchResult("live");
        var worst = 0.0;
        foreach (var n in subscriberCounts)
        {
            var (p50, p99, max, missed) = await MeasureAsync(n, quotes, ct);
            result.Add($"at_{n}", new System.Text.Json.Nodes.JsonObject
            {
                ["p50_ms"] = Math.Round(p50, 3), ["p99_ms"] = Math.Round(p99, 3), ["max_ms"] = Math.Round(max, 3), ["missed"] = missed,
            });
            worst = Math.Max(worst, p99);
        }
        return result.Add("p99_ms", Math.Round(worst, 3)).Add("quotes", quotes).Add("subscribers_per_process", PerProcess)
            .Add("interval_ms", Interval.TotalMilliseconds);
    }

    private static async Task<(double P50, double P99, double Max, long Missed)> MeasureAsync(int n, int quotes, CancellationToken ct)
    {
        if (n < 1 || quotes < 1)
            throw new ArgumentException("--subscribers and --quotes must be positive.");
        await using var platform = await BenchPlatform.StartAsync(maxLiveConnections: n + 100, ct);
        var folder = Directory.CreateTempSubdirectory("plan2-bench-live-").FullName;
        var children = new List<(Process Process, string File)>();
        try
        {
            for (var started = 0; started < n; started += PerProcess)
            {
                var file = Path.Combine(folder, $"receipts-{started}.bin");
                children.Add((StartChild(platform, Math.Min(PerProcess, n - started), file), file));
            }
            foreach (var (child, _) in children)
                if (await child.StandardOutput.ReadLineAsync(ct) != "ready")
                    throw new InvalidOperationException($"A subscriber process failed: {await child.StandardError.ReadToEndAsync(ct)}");

            var bridge = platform.Services.GetRequiredService<BridgeService>();
            await using var terminal = new BridgeClient(new BridgeClientOptions
            {
                Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Symbols = ["EURUSD"], Token = bridge.Token, TerminalId = "bench-live",
            });
            await terminal.ConnectAsync(ct);
            var sent = new long[WarmUp + quotes];
            var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var k = 0; k < sent.Length; k++)
            {
                var bid = (double)(LiveSubscribers.BaseBid + k * LiveSubscribers.Step);
                terminal.Append(0, ++time, bid, bid + 0.0001);
                sent[k] = Stopwatch.GetTimestamp();
                await terminal.FlushAsync(ct);
                await Task.Delay(Interval, ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(5), ct); // stragglers; what has not arrived by then counts as missed
            var latencies = new List<double>(n * quotes);
            foreach (var (child, file) in children)
            {
                await child.StandardInput.WriteLineAsync("done");
                await child.StandardInput.FlushAsync(ct);
                await child.WaitForExitAsync(ct);
                using var reader = new BinaryReader(File.OpenRead(file));
                while (reader.BaseStream.Position < reader.BaseStream.Length)
                {
                    var k = reader.ReadInt32();
                    var at = reader.ReadInt64();
                    if (k >= WarmUp && k < sent.Length)
                        latencies.Add(Stopwatch.GetElapsedTime(sent[k], at).TotalMilliseconds);
                }
            }
            latencies.Sort();
            var missed = (long)n * quotes - latencies.Count;
            if (latencies.Count == 0)
                throw new InvalidOperationException("No subscriber received a quote.");
            return (Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1], missed);
        }
        finally
        {
            foreach (var (child, _) in children)
            {
                if (!child.HasExited)
                    child.Kill();
                child.Dispose();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process StartChild(BenchPlatform platform, int count, string file)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") // run as `dotnet plan2.dll`
            start.ArgumentList.Add(typeof(LiveBench).Assembly.Location);
        foreach (var arg in new[] { "bench", "live-subscribers", "--url", platform.Address.ToString(),
                     "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", file })
            start.ArgumentList.Add(arg);
        start.Environment[LiveSubscribers.TokenVariable] = platform.ViewerToken; // not on the command line, where ps shows it
        return Process.Start(start)!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
