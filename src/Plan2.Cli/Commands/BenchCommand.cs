using System.CommandLine;
using Plan2.Cli.Bench;

namespace Plan2.Cli.Commands;

/// <summary><c>plan2 bench &lt;name&gt;</c>: the figures behind every budget in ARCHITECTURE.md.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure a budget on this machine. With --json each prints one JSON object and nothing else on stdout.");
        command.Subcommands.Add(Bench("indicators", "indicators_ns_per_bar: all indicators updated on one new bar.",
            (_, _) => Task.FromResult(IndicatorBench.Run())));
        var rows = new Option<int>("--rows") { Description = "Ticks to write and read back.", DefaultValueFactory = _ => 1_000_000 };
        var store = Bench("store", "rows_per_second written and read back per engine (DuckDB; ClickHouse when ConnectionStrings__ClickHouse is set), " +
            "and the ratio to the engine's own fastest bulk path.", (result, ct) => StoreBench.RunAsync(result.GetValue(rows), ct));
        store.Options.Add(rows);
        command.Subcommands.Add(store);
        var ticks = new Option<int>("--ticks-per-symbol") { Description = "Ticks each symbol sends.", DefaultValueFactory = _ => 1_000_000 };
        var symbols = new Option<int>("--symbols") { Description = "Instruments fed at once.", DefaultValueFactory = _ => 4 };
        var storage = new Option<string>("--storage") { Description = "Stores to measure with: duckdb, clickhouse or all (DuckDB, and ClickHouse when ConnectionStrings__ClickHouse is set).", DefaultValueFactory = _ => "all" };
        var runs = new Option<int>("--runs") { Description = "Rounds per figure; the median is reported, with the range.", DefaultValueFactory = _ => 5 };
        var ingest = Bench("ingest", "ticks_per_second end to end from the bridge's socket through validation and InstrumentGrains with candles " +
            "and indicators; ratio_to_bare against the same work in one thread; and with every tick stored, until durable, per engine.",
            (result, ct) => IngestBench.RunAsync(result.GetValue(ticks), result.GetValue(symbols), result.GetValue(storage)!, result.GetValue(runs), ct));
        ingest.Options.Add(ticks);
        ingest.Options.Add(symbols);
        ingest.Options.Add(storage);
        ingest.Options.Add(runs);
        command.Subcommands.Add(ingest);
        var models = new Option<string?>("--models") { Description = "Folder with manifest.json and the ONNX models; onnx-models above the app by default." };
        var decision = Bench("decision", "p50_us/p99_us from a closed bar to a prediction (features, every model, ensemble) and pattern_ns_per_bar.",
            (result, ct) => DecisionBench.RunAsync(result.GetValue(models), ct));
        decision.Options.Add(models);
        command.Subcommands.Add(decision);
        var backtestModels = new Option<string?>("--models") { Description = "Folder with manifest.json and the ONNX models; onnx-models above the app by default." };
        var backtestBars = new Option<int>("--bars") { Description = "M1 bars of history replayed (120 ticks each).", DefaultValueFactory = _ => BacktestBench.DefaultBars };
        var backtestRuns = new Option<int>("--runs") { Description = "Timed passes after the warm-up one; the median is reported, with the range.", DefaultValueFactory = _ => BacktestBench.DefaultPasses };
        var backtest = Bench("backtest", "ticks_per_second through the backtester with candles, indicators, the shipped models once per M1 bar and the AI " +
            "strategy, risk, paper fills and positions; ratio_to_bare against the same ticks through candles and indicators alone.",
            (result, ct) => BacktestBench.RunAsync(result.GetValue(backtestModels), result.GetValue(backtestBars), result.GetValue(backtestRuns), ct));
        backtest.Options.Add(backtestModels);
        backtest.Options.Add(backtestBars);
        backtest.Options.Add(backtestRuns);
        command.Subcommands.Add(backtest);
        var postgres = new Option<string>("--postgres") { Description = "PostgreSQL (Npgsql syntax) with its default durability (fsync on).", Required = true };
        var count = new Option<int>("--orders") { Description = "Orders timed one at a time (and again spread over 8 accounts); 10,000 puts 100 orders in the slowest 1%, so p99 holds still between runs.", DefaultValueFactory = _ => 10_000 };
        var orders = Bench("orders", "p50_us/p99_us from placing a market order through risk to a paper fill with its journal committed to PostgreSQL; " +
            "bare_commit_p50_us/p99_us of a one-row insert and commit on the same server; risk_ns of the Core risk chain.",
            (result, ct) => OrderBench.RunAsync(result.GetValue(postgres)!, result.GetValue(count), ct));
        orders.Options.Add(postgres);
        orders.Options.Add(count);
        command.Subcommands.Add(orders);
        AddApiAndLive(command);
        command.Subcommands.Add(Report());
        return command;
    }

    private static void AddApiAndLive(Command command)
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds wrk runs against each endpoint (after a 2 s warm-up).", DefaultValueFactory = _ => 10 };
        var connections = new Option<int>("--connections") { Description = "wrk's open connections.", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "wrk's threads.", DefaultValueFactory = _ => 2 };
        var api = Bench("api", "requests_per_second and p99_ms of authenticated GET /api/quotes/{symbol} (JWT, quota, grain read) with wrk on loopback " +
            "against the embedded platform, beside a bare endpoint (bare_…) in the same run, and ratio_to_bare.",
            (result, ct) => ApiBench.RunAsync(result.GetValue(seconds), result.GetValue(connections), result.GetValue(threads), ct));
        api.Options.Add(seconds);
        api.Options.Add(connections);
        api.Options.Add(threads);
        command.Subcommands.Add(api);

        var subscribers = new Option<int[]>("--subscribers") { Description = "SignalR subscribers; repeat for several runs.", DefaultValueFactory = _ => [2_000, 10_000], AllowMultipleArgumentsPerToken = true };
        var quotes = new Option<int>("--quotes") { Description = "Quotes timed per run (after 10 untimed), one every 100 ms.", DefaultValueFactory = _ => 100 };
        var live = Bench("live", "at_N.p99_ms from a quote entering the bridge to each of N SignalR subscribers receiving it (p50, max and missed too).",
            (result, ct) => LiveBench.RunAsync(result.GetValue(subscribers)!, result.GetValue(quotes), ct));
        live.Options.Add(subscribers);
        live.Options.Add(quotes);
        command.Subcommands.Add(live);

        var url = new Option<string>("--url") { Required = true };
        var count = new Option<int>("--count") { Required = true };
        var output = new Option<string>("--output") { Required = true };
        var child = new Command("live-subscribers", "(bench live's subscriber processes)") { url, count, output };
        child.Hidden = true;
        child.SetAction((result, ct) => LiveSubscribers.RunAsync(new Uri(result.GetValue(url)!), result.GetValue(count), result.GetValue(output)!, ct));
        command.Subcommands.Add(child);
    }

    private static Command Report()
    {
        var results = new Argument<FileInfo>("results") { Description = "A file of bench results, one JSON object per line." };
        var command = new Command("report", "Render recorded bench results as the Markdown benchmark report (stdout).") { results };
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var file = result.GetValue(results)!;
            CliRunner.RequireFile(file);
            Console.Write(BenchReport.Render(await File.ReadAllLinesAsync(file.FullName, ct)));
            return 0;
        }));
        return command;
    }

    private static Command Bench(string name, string description, Func<ParseResult, CancellationToken, Task<BenchResult>> run)
    {
        var json = new Option<bool>("--json") { Description = "Print only one JSON object of the figures." };
        var command = new Command(name, description) { json };
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var figures = await run(result, ct);
            figures.Print(result.GetValue(json));
            return 0;
        }));
        return command;
    }
}
