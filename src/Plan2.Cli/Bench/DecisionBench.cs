using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Cli.Commands;
using Plan2.Core.MarketData;
using Plan2.Core.Patterns;
using Plan2.Grains.Predictions;
using Plan2.Hosting.Predictions;
using Plan2.MarketData.Import;
using Plan2.MarketData.Replay;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Cli.Bench;

/// <summary>
/// decision: from a closed bar to a prediction with the shipped models (features, the five members: trees and the LSTM in managed code, the Transformer in ONNX Runtime,
/// ensemble, outcome bookkeeping) as p50/p99 µs over real M1 bars; pattern_ns_per_bar: pattern detection
/// and reliability on the same bars. Measured in the engine the PredictorGrain runs; the grain hop that
/// delivers a bar close to it is an observer call (~0.02 ms p50 measured here, ORLEANS-NOTES.md).
/// </summary>
internal static class DecisionBench
{
    public static async Task<BenchResult> RunAsync(string? modelsFolder, CancellationToken ct)
    {
        var folder = ModelRegistry.Find(modelsFolder) ?? throw new CliException("No onnx-models folder found: pass --models.");
        using var registry = ModelRegistry.Load(folder);
        var bars = await HistoryBarsAsync(ct);

        var engine = new PredictorEngine(registry);
        var latencies = new List<double>();
        for (var pass = 0; pass < 2; pass++) // the first pass warms the JIT and ONNX Runtime
        {
            latencies.Clear();
            foreach (var bar in bars)
            {
                var start = Stopwatch.GetTimestamp();
                if (engine.OnBar(bar with { OpenTimeMs = bar.OpenTimeMs + pass * 366L * 86_400_000 }) is not null)
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
        latencies.Sort();

        var detector = new PatternDetector();
        var reliability = new PatternReliability();
        Span<PatternHit> hits = stackalloc PatternHit[PatternDetector.MaxHitsPerBar];
        var best = double.MaxValue;
        for (var pass = 0; pass < 5; pass++)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var bar in bars)
            {
                var n = detector.OnBar(bar, hits);
                reliability.OnBar(bar, hits[..n]);
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / bars.Count);
        }

        var (grainPath, gc, warmUpBars, warmUpTime, settled) = await GrainPathAsync(bars, ct);

        return new BenchResult("decision")
            .Add("p50_us", Math.Round(Percentiles.Of(grainPath, 0.50), 1))
            .Add("p99_us", Math.Round(Percentiles.Of(grainPath, 0.99), 1))
            .Add("p90_us", Math.Round(Percentiles.Of(grainPath, 0.90), 1))
            .Add("p999_us", Math.Round(Percentiles.Of(grainPath, 0.999), 1))
            .Add("grain_path_max_us", Math.Round(grainPath[^1], 1))
            .Add("over_1ms", grainPath.Count(us => us > 1_000))
            .Add("timed_bars", grainPath.Count)
            .Add("engine_p50_us", Math.Round(Percentiles.Of(latencies, 0.50), 1))
            .Add("engine_p99_us", Math.Round(Percentiles.Of(latencies, 0.99), 1))
            .Add("max_us", Math.Round(latencies[^1], 1))
            .Add("predictions", latencies.Count)
            .Add("models", string.Join(" ", registry.Members.Select(m => m.Entry.Name)))
            .Add("pattern_ns_per_bar", Math.Round(best, 1))
            .Add("tail_gc_share", gc.TailGcShare)
            .Add("gc_count", gc.Collections)
            .Add("gc_pause_ms", Math.Round(gc.Paused.TotalMilliseconds, 1))
            .Add("alloc_bytes_per_decision", gc.AllocatedPerBar)
            .Add("warm_up_bars", warmUpBars)
            .Add("warm_up_seconds", Math.Round(warmUpTime.TotalSeconds, 1))
            .Add("jit_settled", settled)
            .Add("gc_mode", GcMode.Describe())
            .Add("scope", "p50/p99: the tick that closes a bar sent to its InstrumentGrain → bar close observed by the PredictorGrain → features, " +
                "the five members (tree models and the LSTM in managed code from their ONNX graphs, CompiledTrees and CompiledLstm; the Transformer in ONNX Runtime), ensemble → prediction readable by clients and handed to the publisher (stream, strategies), stamped there inside the " +
                "embedded silo (no polling: polls were grain calls queued behind the turn they timed, with ~30 KB of garbage a decision); " +
                "engine_*: the predictor's computation alone; after warm_up_bars untimed bars over warm_up_seconds (JIT tiers, ONNX Runtime, the LSTM window, " +
                $"the silo's periodic work): the first {MinWarmUpBars} at once, then bars " + JitSettling.Paced + " " + JitSettling.SiloRule + " (warm_up_seconds counts these); " +
                "p90/p999/grain_path_max/over_1ms (samples above 1 ms) of the same " + TimedBars + " timed bars; tail_gc_share: share of the slowest 1% during which a collection ran; gc_*: collections and their pause over the timed bars; " +
                "alloc_bytes_per_decision: the process's allocations per timed bar");
    }

    /// <summary>
    /// Bars sent untimed first, until the JIT's tiering has settled (<see cref="JitSettling"/>): compiling took 40 % of a core
    /// 2.5 s in, under 10 ms in 5 s only after about 80 s. After a fixed 1,000 bars, 1.2–1.5 % of the timed bars took 1–15 ms
    /// (most 2.5 or 4.2 ms, in bursts) and the p99 read 2–3 ms; with tiering off it read 290 µs.
    /// </summary>
    private const int MinWarmUpBars = 1_000;
    /// <summary>Enough for the longest warm-up (the cap at the pace, bars take longer than the pace) and the timed bars.</summary>
    private const int HistoryBars = 30_000;
    /// <summary>10,000: the p99 is then the 100th slowest, not the 30th (3,000 samples let a few stray scheduling stalls move it by 2×).</summary>
    private const int TimedBars = 10_000;

    private sealed record GcSeen(double TailGcShare, int Collections, TimeSpan Paused, long AllocatedPerBar);

    /// <summary>Bar close to prediction through the grains: one tick per minute, each closing the previous bar.</summary>
    private static async Task<(List<double> Latencies, GcSeen Gc, int WarmUpBars, TimeSpan WarmUpTime, bool Settled)> GrainPathAsync(List<Candle> bars, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("plan2-decision-").FullName;
        try
        {
            PublishedPredictions? published = null;
            using var host = await IngestEndToEnd.StartSiloAsync(dir, ct, configure: b => b.Services.AddSingleton<IPredictionPublisher>(sp =>
                published = new PublishedPredictions(sp.GetRequiredService<PredictionPublisher>())));
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            const string symbol = "DECISION";
            var instrument = grains.GetGrain<IInstrumentGrain>(symbol);
            var predictor = grains.GetGrain<IPredictorGrain>($"{symbol}/M1");
            await predictor.StartAsync();
            var warmUpTime = TimeSpan.Zero;
            var t0 = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds() / 60_000 * 60_000;
            var samples = new List<(double Us, bool Collected)>();
            var (collections, paused, allocated) = (0, TimeSpan.Zero, 0L);
            var warmUp = int.MaxValue; // bars before the first timed one, once the JIT has settled
            JitSettling? settling = null;
            for (var i = 0; i < bars.Count && (warmUp == int.MaxValue || i < warmUp + TimedBars); i++)
            {
                if (warmUp == int.MaxValue && i >= MinWarmUpBars)
                {
                    settling ??= new JitSettling();
                    if (settling.Check() || i + TimedBars >= bars.Count)
                    {
                        (warmUp, warmUpTime) = (i, settling.Elapsed);
                        (collections, paused, allocated) = (GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));
                    }
                    else
                        await Task.Delay(JitSettling.Pace, ct);
                }
                var close = bars[i].Close.ToDouble();
                var batch = new TickBatch(symbol, i + 1, [t0 + i * 60_000L], [close], [close + 0.0001], Record: false);
                var seen = GC.CollectionCount(0);
                var start = Stopwatch.GetTimestamp();
                await instrument.PublishTicksAsync(batch); // closes bar i-1
                var expected = t0 + (i - 1) * 60_000L;
                // Warm-up: features, the LSTM window, JIT; once predictions flow, every 50th is waited for, so the backlog stays short.
                if (i < warmUp && (i < 200 || i % 50 != 0)) continue;
                var at = await published!.WaitForAsync(expected, ct);
                if (i >= warmUp)
                    samples.Add((Stopwatch.GetElapsedTime(start, at).TotalMicroseconds, GC.CollectionCount(0) != seen));
            }
            var timed = samples.Count;
            var gc = (Collections: GC.CollectionCount(0) - collections, Paused: GC.GetTotalPauseDuration() - paused,
                Allocated: (GC.GetTotalAllocatedBytes(precise: true) - allocated) / Math.Max(1, timed));
            await host.StopAsync(ct);
            var slowest = samples.OrderByDescending(s => s.Us).Take(Math.Max(1, timed / 100)).ToList();
            var latencies = samples.Select(s => s.Us).Order().ToList();
            return (latencies, new GcSeen(Math.Round(slowest.Count(s => s.Collected) / (double)slowest.Count, 2), gc.Collections, gc.Paused, gc.Allocated),
                warmUp, warmUpTime, settling?.Settled ?? false);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }


    /// <summary>Real M1 bars from ../shared/data beside a checkout, else a seeded random walk.</summary>
    private static async Task<List<Candle>> HistoryBarsAsync(CancellationToken ct)
    {
        var file = SharedHistory.Find() is { } shared ? Path.Combine(shared, "mt-m1-2021", "USDCHF_M1.csv") : null;
        return file is not null && File.Exists(file)
            ? (await BarLoader.LoadAsync(file, ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System, ct))["USDCHF"].Take(HistoryBars).ToList()
            : [.. IndicatorBench.RandomWalk(HistoryBars)];
    }
}
