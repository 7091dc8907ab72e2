using System.Diagnostics;
using System.Runtime.CompilerServices;
using Plan2.Backtesting;
using Plan2.Cli.Commands;
using Plan2.Core.Backtesting;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.MarketData.Import;
using Plan2.MarketData.Replay;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Cli.Bench;

/// <summary>
/// backtest: ticks per second through the whole backtester (candles and indicators of every
/// timeframe, the shipped models once per closed M1 bar, the AI strategy, risk, the paper venue and
/// the position book), and ratio_to_bare against the same ticks through <see cref="InstrumentEngine"/>
/// alone in one loop. Ticks come from real M1 bars (USDCHF 2021 beside a checkout, else a seeded
/// random walk), <see cref="TicksPerBar"/> a bar along open → nearer extreme → other extreme → close,
/// one pip spread: a liquid pair's tick rate, so predictions cost what they cost live per bar.
/// </summary>
internal static class BacktestBench
{
    public const int TicksPerBar = 120;
    public const int DefaultBars = 12_000;
    public const int DefaultPasses = 9; // a median of five read one process at 0.29 whose passes ranged 0.18–0.48; nine cost ~4 s more
    private const int MaxWarmUpPasses = 12;

    public static async Task<BenchResult> RunAsync(string? modelsFolder, int bars, int passes, CancellationToken ct)
    {
        if (bars < 1_000 || passes < 1)
            throw new CliException("--bars must be at least 1,000 (the models warm up on 91) and --runs at least 1.");
        var folder = ModelRegistry.Find(modelsFolder) ?? throw new CliException("No onnx-models folder found: pass --models.");
        using var registry = ModelRegistry.Load(folder);
        var ticks = Expand(await HistoryBarsAsync(bars, ct));
        var barCount = ticks.Length / TicksPerBar;
        var options = new BacktestOptions { Strategy = AiStrategy.Name };

        long predictions = 0, trades = 0, scoredAlone = 0, outsideBand = 0;
        var warmUpPasses = 0;
        var cpuUs = new List<double>();
        var gcs = new List<double>();
        double predictionUs = 0;
        double Full()
        {
            using var batched = new BatchedPredictionSource(registry, new ConfidenceBand(options.ShortBelow, options.LongAbove));
            var source = new TimedPredictions(batched);
            var (run, _) = BacktestSetup.Create("USDCHF", ticks[0].Bid, options, source, Timeframe.M1);
            var (cpu, collections) = (ProcessCpu(), GC.CollectionCount(0));
            var rate = Timed(ticks, run);
            cpuUs.Add((ProcessCpu() - cpu).TotalMicroseconds / barCount);
            gcs.Add(GC.CollectionCount(0) - collections); // a gen-1 or gen-2 collection counts as a gen-0 one too
            (predictions, trades) = (run.Predictions, run.Runner.Trades.Count);
            predictionUs = source.MeanMicroseconds;
            scoredAlone = source.Inner.ScoredAlone;
            outsideBand = source.Inner.BarsOutsideBand;
            return rate;
        }
        double WithoutModels()
        {
            var (run, _) = BacktestSetup.Create("USDCHF", ticks[0].Bid, options with { Strategy = SmaCrossStrategy.Name }, null, Timeframe.M1);
            return Timed(ticks, run);
        }
        // Untimed passes until the JIT has settled: tiering and OSR recompile the hot loops for seconds, on the core the
        // scoring runs on (with one warm-up pass the first timed passes ran at 0.14–0.19 of the bare loop, later ones at
        // 0.26–0.31). Settled: a pass in which compiling took under 1 % of the pass (JitSettling). Then interleaved passes, so that
        // machine noise falls on all three alike; each timing starts on a settled heap. The ratio is the median of the
        // passes' own ratios (bare and full back to back), the rates the medians of their passes.
        var settling = new JitSettling(TimeSpan.Zero, 0.01);
        do
        {
            Bare(ticks);
            Full();
            WithoutModels();
            warmUpPasses++;
        }
        while (!settling.Check() && warmUpPasses < MaxWarmUpPasses);
        cpuUs.Clear();
        gcs.Clear();
        var timings = new List<(double Bare, double Full, double WithoutModels)>();
        var bareCpuUs = new List<double>();
        for (var pass = 0; pass < passes; pass++)
        {
            Settle();
            var bareCpu = ProcessCpu();
            var b = Bare(ticks);
            bareCpuUs.Add((ProcessCpu() - bareCpu).TotalMicroseconds / barCount);
            Settle();
            var f = Full();
            Settle();
            var w = WithoutModels();
            timings.Add((b, f, w));
        }
        var ratios = timings.Select(p => p.Full / p.Bare).Order().ToArray();
        return new BenchResult("backtest")
            .Add("ticks_per_second", Math.Round(Median(timings.Select(p => p.Full))))
            .Add("ratio_to_bare", Math.Round(Median(ratios), 3))
            .Add("ratio_to_bare_range", $"{ratios[0]:0.000}–{ratios[^1]:0.000}")
            .Add("bare_ticks_per_second", Math.Round(Median(timings.Select(p => p.Bare))))
            .Add("sma_cross_ticks_per_second", Math.Round(Median(timings.Select(p => p.WithoutModels))))
            .Add("ticks", ticks.Length)
            .Add("ticks_per_bar", TicksPerBar)
            .Add("predictions", predictions)
            .Add("prediction_us_per_bar", Math.Round(predictionUs, 1))
            .Add("member_scores_alone", scoredAlone)
            .Add("bars_scored_by_weightless_members", outsideBand)
            .Add("bare_us_per_bar", Math.Round(TicksPerBar * 1e6 / Median(timings.Select(p => p.Bare)), 2))
            .Add("cpu_us_per_bar", Math.Round(Median(cpuUs), 1))
            .Add("trading_cpu_us_per_bar", Math.Round(Median(cpuUs), 1))
            .Add("bare_cpu_us_per_bar", Math.Round(Median(bareCpuUs), 2))
            .Add("gc_collections_per_run", Median(gcs))
            .Add("warm_up_passes", warmUpPasses)
            .Add("jit_settled", settling.Settled)
            .Add("trades", trades)
            .Add("scope", "ticks through InstrumentEngine (M1…D1 candles and indicators), paper venue, StrategyRunner (stops, rollover), " +
                "and on each closed M1 bar the shipped models (PredictorEngine; their scores (tree models and the LSTM in managed code from their ONNX graphs, CompiledTrees and CompiledLstm; the Transformer in ONNX Runtime) computed ahead in the background, 256 bars per call " +
                "and member, on scoring threads of their own (cores less one) while the engine runs ahead, the trading thread running those not yet started when it reaches them, the same scores as bar by bar: member_scores_alone counts " +
                "those that were not; the Transformer computes its last step only; members without ensemble weight, which count only in the confidence, " +
                "scored only on the bars whose probability may pass the strategy's thresholds: bars_scored_by_weightless_members), the AI strategy, RiskEngine and fills into the PositionBook; prediction_us_per_bar: the trading thread's time in the " +
                "models per closed bar (features, waits for scores, ensemble); cpu_us_per_bar: the process's CPU time per bar over a full run, all threads " +
                "(with C cores the ratio cannot exceed bare_us_per_bar × C / cpu_us_per_bar); trading_cpu_us_per_bar and bare_cpu_us_per_bar: the process's CPU time " +
                "per bar of the full loop and of the bare loop (all threads: the trading thread, the background scoring and any idle spinning of the pool's " +
                "workers), so that their quotient shows the ratio the work itself allows whatever the machine's load; gc_collections_per_run: garbage " +
                "collections during one full run; bare: InstrumentEngine alone in one loop; ticks from real M1 bars, " +
                $"{TicksPerBar} a bar; ratio_to_bare: the median of {passes} passes' own ratios (bare, full and SMA back to back, after untimed warm-up " +
                $"passes {settling.Rule} (at most {MaxWarmUpPasses}: warm_up_passes; jit_settled says whether the last one was), a full garbage collection before each timing), rates the medians of the passes");
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Times the models' share of a run (mean per closed bar, batches, warm-up and GC pauses included, as a run pays them).</summary>
    private sealed class TimedPredictions(BatchedPredictionSource inner) : IBatchPredictionSource
    {
        private long _elapsed, _calls;

        public BatchedPredictionSource Inner => inner;

        public double MeanMicroseconds => _calls == 0 ? 0 : Stopwatch.GetElapsedTime(0, _elapsed).TotalMicroseconds / _calls;

        public void Prepare(ReadOnlySpan<BarClose> bars)
        {
            var start = Stopwatch.GetTimestamp();
            inner.Prepare(bars);
            _elapsed += Stopwatch.GetTimestamp() - start;
        }

        public Prediction? OnBar(in BarClose bar)
        {
            var start = Stopwatch.GetTimestamp();
            var p = inner.OnBar(bar);
            _elapsed += Stopwatch.GetTimestamp() - start;
            _calls++;
            return p;
        }
    }

    // Each loop is its own method calling its work directly, fully optimised from its first call. One loop taking a
    // delegate served all three before, and tiered PGO specialised it for whichever target its profile saw most: the
    // bare loop ran at 3.0 or 3.6 µs a bar from one process to the next, so the ratio moved with what the JIT guessed,
    // not with the work. (Called under tiering's 30 times, a loop of its own would stay on-stack-replacement code.) The work
    // each loop calls, InstrumentEngine.Apply and Backtester.OnTick, is tiered and profiled as in the platform.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Bare(Tick[] ticks)
    {
        var engine = new InstrumentEngine("USDCHF", TickValidationOptions.Default, TimeProvider.System);
        var closes = new List<BarClose>(8);
        var start = Stopwatch.GetTimestamp();
        foreach (ref readonly var tick in ticks.AsSpan())
        {
            engine.Apply(tick, closes);
            closes.Clear();
        }
        return ticks.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Timed(Tick[] ticks, Backtester run)
    {
        var start = Stopwatch.GetTimestamp();
        foreach (ref readonly var tick in ticks.AsSpan())
            run.OnTick(tick);
        run.Finish(); // a batched run trades its last block here
        return ticks.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Each bar as <see cref="TicksPerBar"/> ticks along the path the replay's four ticks take, on the 1e-5 grid.</summary>
    internal static Tick[] Expand(IReadOnlyList<Candle> bars)
    {
        var ticks = new Tick[bars.Count * TicksPerBar];
        var spread = Price.Parse("0.0001");
        Span<Tick> corners = stackalloc Tick[4];
        const int legs = TicksPerBar / 3;
        var k = 0;
        foreach (var bar in bars)
        {
            BarTicks.Synthesize(bar, spread, corners);
            for (var i = 0; i < TicksPerBar; i++)
            {
                var leg = Math.Min(i / legs, 2);
                var f = (double)(i - leg * legs) / legs;
                var from = corners[leg].Bid.Units;
                var units = from + (long)Math.Round((corners[leg + 1].Bid.Units - from) * f / 1000.0) * 1000;
                ticks[k++] = new Tick(bar.OpenTimeMs + i * (60_000L / TicksPerBar), new Price(units), new Price(units) + spread);
            }
        }
        return ticks;
    }

    private static async Task<IReadOnlyList<Candle>> HistoryBarsAsync(int bars, CancellationToken ct)
    {
        var file = SharedHistory.Find() is { } shared ? Path.Combine(shared, "mt-m1-2021", "USDCHF_M1.csv") : null;
        return file is not null && File.Exists(file)
            ? (await BarLoader.LoadAsync(file, ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System, ct))["USDCHF"].Take(bars).ToList()
            : IndicatorBench.RandomWalk(bars);
    }
}
