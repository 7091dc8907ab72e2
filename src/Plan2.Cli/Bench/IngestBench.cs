using ClickHouse.Driver.ADO;
using Plan2.Cli.Commands;

namespace Plan2.Cli.Bench;

/// <summary>
/// ticks_per_second end to end on one node: a terminal client on loopback → the bridge server's socket →
/// frame decoding and sequence checks → InstrumentGrains (validation, candles of five timeframes,
/// indicators on every close) in an embedded silo; then the same with every tick stored, per engine,
/// timed until the last tick is durable. ratio_to_bare sets the first beside the fastest round of
/// <see cref="IngestBareLoop"/>. Each figure is the median of <c>runs</c> rounds, after an untimed warm-up of every path.
/// </summary>
internal static class IngestBench
{
    public const string StorageTiming = "from the first tick sent until the terminal holds the ACK of the last one, which the bridge " +
        "sends only once the store's commit covers it (durable); silo start and shutdown not included";

    internal sealed record Series(long[] Times, double[] Bids, double[] Asks);

    /// <summary><paramref name="storage"/>: "duckdb", "clickhouse" or "all" (DuckDB, and ClickHouse when it is configured).</summary>
    public static async Task<BenchResult> RunAsync(int ticksPerSymbol, int symbolCount, string storage, int runs, CancellationToken ct)
    {
        var engines = Engines(storage);
        var data = Enumerable.Range(0, symbolCount).Select(i => Walk(ticksPerSymbol, seed: i)).ToArray();
        var frames = IngestBareLoop.Frames(data);
        var total = (long)ticksPerSymbol * symbolCount;

        // Warm-up, untimed: a silo runs for days, so JIT tiering of the whole path is not what ingest costs. Each path
        // keeps one silo for its warm-up and its rounds, and every timing starts once the JIT has gone quiet.
        var warmUp = data.Select(d => new Series(d.Times[..Math.Min(d.Times.Length, 200_000)], d.Bids, d.Asks)).ToArray();
        IngestBareLoop.Run(IngestBareLoop.Frames(warmUp), TimeProvider.System);

        // Rounds of the bare loop and the end-to-end run back to back on the same ticks. The ratio sets the median
        // end-to-end run beside the fastest bare round: the same code in one thread ran at two speeds from round to round
        // and process to process here (about 41 and 70 ns a tick, as fast as that or slower whatever else ran), and the
        // goal is measured against what one thread can do. Each timing starts on a settled heap and a quiet JIT.
        var rounds = new List<(double Bare, double Live)>();
        var bareCpu = new List<TimeSpan>();
        var costs = new List<IngestEndToEnd.Run>();
        await using (var silo = await IngestEndToEnd.StartAsync(null, ct))
        {
            await WarmUpAsync(silo, warmUp, ct);
            for (var i = 0; i < runs; i++)
            {
                await SettleAsync(ct);
                var (bare, cpu) = IngestBareLoop.Run(frames, TimeProvider.System);
                bareCpu.Add(cpu);
                await SettleAsync(ct);
                var live = await silo.RunAsync(data, ct);
                costs.Add(live);
                rounds.Add((bare, total / live.Elapsed.TotalSeconds));
            }
        }
        var fastestBare = rounds.Max(r => r.Bare);
        var ratios = rounds.Select(r => r.Live / fastestBare).Order().ToArray();
        var result = new BenchResult("ingest")
            .Add("ticks_per_second", Math.Round(Median(rounds.Select(r => r.Live))))
            .Add("bare_ticks_per_second", Math.Round(fastestBare))
            .Add("bare_ticks_per_second_range", $"{rounds.Min(r => r.Bare):0}–{fastestBare:0}")
            .Add("ratio_to_bare", Math.Round(Median(ratios), 3))
            .Add("ratio_to_bare_range", $"{ratios[0]:0.000}–{ratios[^1]:0.000}")
            .Add("ratio_to_bare_definition", IngestBareLoop.Definition)
            .Add("cpu_ns_per_tick", Math.Round(Median(costs.Select(c => c.Cpu.TotalNanoseconds / total)), 1))
            .Add("bare_cpu_ns_per_tick", Math.Round(Median(bareCpu.Select(c => c.TotalNanoseconds / total)), 1))
            .Add("cpu_ratio_to_bare", Math.Round(Median(bareCpu.Zip(costs, (b, c) => b.TotalNanoseconds / c.Cpu.TotalNanoseconds)), 3))
            .Add("cpu_definition", "process CPU time (user + system, every thread: the terminal client, the socket, the bridge, the silo) " +
                "per tick over the timed run; cpu_ratio_to_bare = bare CPU / end-to-end CPU, a figure that load on a shared machine disturbs far less than rates; " +
                "cpu_ns_per_tick_with_duckdb includes the embedded DuckDB, cpu_ns_per_tick_with_clickhouse leaves out the ClickHouse server (another process)")
            .Add("allocated_bytes_per_tick", Math.Round(Median(costs.Select(c => (double)c.AllocatedBytes / total)), 1))
            .Add("gen2_collections_per_run", Median(costs.Select(c => (double)c.Gen2Collections)));
        foreach (var (name, target) in engines)
        {
            var rates = new List<double>();
            var stored = new List<IngestEndToEnd.Run>();
            await using (var silo = await IngestEndToEnd.StartAsync(target, ct))
            {
                await WarmUpAsync(silo, warmUp, ct);
                for (var i = 0; i < runs; i++)
                {
                    await SettleAsync(ct);
                    var run = await silo.RunAsync(data, ct);
                    stored.Add(run);
                    rates.Add(total / run.Elapsed.TotalSeconds);
                }
            }
            result.Add($"ticks_per_second_with_{name}", Math.Round(Median(rates)))
                .Add($"ticks_per_second_with_{name}_range", $"{rates.Min():0}–{rates.Max():0}")
                .Add($"cpu_ns_per_tick_with_{name}", Math.Round(Median(stored.Select(c => c.Cpu.TotalNanoseconds / total)), 1))
                .Add($"allocated_bytes_per_tick_with_{name}", Math.Round(Median(stored.Select(c => (double)c.AllocatedBytes / total)), 1))
                .Add($"gen2_collections_per_run_with_{name}", Median(stored.Select(c => (double)c.Gen2Collections)));
            if (name == "clickhouse")
                result.Add("clickhouse_insert_compression", new ClickHouseClientSettings(target).UseCompression ? "gzip" : "none");
        }
        return result
            .Add("storage_timing", StorageTiming)
            .Add("ticks", total)
            .Add("symbols", symbolCount)
            .Add("runs", runs)
            .Add("measurement", $"{runs} rounds after an untimed warm-up of every path; each figure the median of its rounds (range beside it); " +
                "each round times the bare loop, then the end-to-end run, on the same ticks; one silo per path for its warm-up and rounds (fresh " +
                $"symbols each run); before every timing a full garbage collection and the JIT quiet ({Quiet.Rule})")
            .Add("path", "loopback TCP client → bridge server (frames, sequences) → InstrumentGrain (validation, M1-D1 candles, " +
                "10 indicators per close) → with storage: tick recorder → buffered writer → store");
    }

    /// <summary>
    /// Tiered compilation works on the other core for seconds after new code runs (a silo's start-up, the first runs),
    /// and a timing taken meanwhile shares the machine with the compiler: the bare loop measured 12–13 M ticks/s beside it
    /// and 24–25 M alone. Quiet: compiling took under 1 % of a quarter second.
    /// </summary>
    private static readonly JitSettling.Rules Quiet = new(TimeSpan.FromMilliseconds(250), 0.01, TimeSpan.FromSeconds(30));

    /// <summary>Warm-up runs until the JIT is quiet after one (at least two runs, at most ten).</summary>
    private static async Task WarmUpAsync(IngestEndToEnd silo, Series[] warmUp, CancellationToken ct)
    {
        for (var i = 0; i < 10; i++)
        {
            await silo.RunAsync(warmUp, ct);
            if (i >= 1 && await JitSettling.QuietAsync(Quiet, ct))
                return;
        }
    }

    /// <summary>Collects what earlier runs left (the last run's garbage, the bare loop's engines) and waits for the JIT to go quiet.</summary>
    private static async Task SettleAsync(CancellationToken ct)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        await JitSettling.QuietAsync(Quiet, ct);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static List<(string Name, string Target)> Engines(string storage)
    {
        var clickHouse = CliEnvironment.ClickHouse;
        return storage switch
        {
            "duckdb" => [("duckdb", "duckdb")],
            "clickhouse" when clickHouse is not null => [("clickhouse", clickHouse)],
            "clickhouse" => throw new CliException("--storage clickhouse needs ConnectionStrings__ClickHouse (build/bench.sh starts the engine)."),
            "all" => clickHouse is null ? [("duckdb", "duckdb")] : [("duckdb", "duckdb"), ("clickhouse", clickHouse)],
            _ => throw new CliException($"--storage {storage}: expected duckdb, clickhouse or all."),
        };
    }

    private static Series Walk(int n, int seed)
    {
        var random = new Random(seed);
        var (times, bids, asks) = (new long[n], new double[n], new double[n]);
        var t = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds();
        var mid = 1.1 + seed * 0.1;
        for (var i = 0; i < n; i++)
        {
            t += random.Next(0, 120);
            mid += random.Next(-10, 11) * 0.00001;
            (times[i], bids[i], asks[i]) = (t, Math.Round(mid - 0.00005, 5), Math.Round(mid + 0.00005, 5));
        }
        return new Series(times, bids, asks);
    }
}
