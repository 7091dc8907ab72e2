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
/// Server and subscribers share this machine's cores, so each run also reports the CPU a delivery costs on
/// either side, and the floor that sets: N deliveries' CPU spread over the cores; and a floor below any server's,
/// the kernel's own cost of N small loopback writes and reads (<see cref="SocketFloor"/>).
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
        var socketUs = SocketFloor.MicrosecondsPerDelivery();
        foreach (var n in subscriberCounts)
        {
            var run = await MeasureAsync(n, quotes, ct);
            // The floor: every delivery's CPU (server and subscriber) spread over this machine's cores; no p99 can be below it.
            var floor = n * (run.ServerCpuUs + run.SubscriberCpuUs) / Environment.ProcessorCount / 1000;
            result.Add($"at_{n}", new System.Text.Json.Nodes.JsonObject
            {
                ["p50_ms"] = Math.Round(run.P50, 3), ["p99_ms"] = Math.Round(run.P99, 3), ["max_ms"] = Math.Round(run.Max, 3), ["missed"] = run.Missed,
                ["server_cpu_us_per_delivery"] = Math.Round(run.ServerCpuUs, 2), ["subscriber_cpu_us_per_delivery"] = Math.Round(run.SubscriberCpuUs, 2),
                ["cpu_floor_ms"] = Math.Round(floor, 2),
                ["socket_floor_ms"] = Math.Round(n * socketUs / 1000, 2),
            });
            worst = Math.Max(worst, run.P99);
        }
        return result.Add("p99_ms", Math.Round(worst, 3)).Add("quotes", quotes).Add("subscribers_per_process", PerProcess)
            .Add("interval_ms", Interval.TotalMilliseconds).Add("socket_us_per_delivery", Math.Round(socketUs, 3))
            .Add("socket_floor", "socket_floor_ms: N times the wall time per delivery of one 160-byte write to each of 2,000 loopback TCP " +
                "connections and one read at each other end, data already there, on every core at once (median of 31 rounds): " +
                "what N deliveries cost this machine's kernel alone, below any server");
    }

    /// <summary>One run's latencies and CPU per delivery (a quote reaching one subscriber): the platform's, and the subscriber processes'.</summary>
    private sealed record Run(double P50, double P99, double Max, long Missed, double ServerCpuUs, double SubscriberCpuUs);

    private static async Task<Run> MeasureAsync(int n, int quotes, CancellationToken ct)
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
            var serverCpu = ProcessorTime.OfSelf();
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
            serverCpu = ProcessorTime.OfSelf() - serverCpu;
            var latencies = new List<double>(n * quotes);
            var subscriberCpuUs = 0L;
            var delivered = 0L;
            foreach (var (child, _) in children)
            {
                await child.StandardInput.WriteLineAsync("done");
                await child.StandardInput.FlushAsync(ct);
            }
            foreach (var (child, file) in children)
            {
                var said = await child.StandardOutput.ReadLineAsync(ct) ?? "";
                await child.WaitForExitAsync(ct);
                if (Environment.GetEnvironmentVariable(LiveSubscribers.TraceVariable) is not null)
                    Console.Error.WriteLine(await child.StandardError.ReadToEndAsync(ct));
                if (!said.StartsWith("cpu ", StringComparison.Ordinal))
                    throw new InvalidOperationException($"A subscriber process failed: {said} {await child.StandardError.ReadToEndAsync(ct)}");
                subscriberCpuUs += long.Parse(said[4..], System.Globalization.CultureInfo.InvariantCulture);
                using var reader = new BinaryReader(File.OpenRead(file));
                while (reader.BaseStream.Position < reader.BaseStream.Length)
                {
                    var k = reader.ReadInt32();
                    var at = reader.ReadInt64();
                    delivered++;
                    if (k >= WarmUp && k < sent.Length)
                        latencies.Add(Stopwatch.GetElapsedTime(sent[k], at).TotalMilliseconds);
                }
            }
            latencies.Sort();
            var missed = (long)n * quotes - latencies.Count;
            if (latencies.Count == 0)
                throw new InvalidOperationException("No subscriber received a quote.");
            return new Run(Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1], missed,
                serverCpu.TotalMicroseconds / delivered, (double)subscriberCpuUs / delivered);
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
        // The subscribers are the measuring instrument, not the system measured: their tiny receive loops run on the
        // socket event threads instead of hopping to the thread pool, leaving more of the shared cores to the server.
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        return Process.Start(start)!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
