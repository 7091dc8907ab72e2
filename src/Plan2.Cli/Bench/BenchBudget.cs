namespace Plan2.Cli.Bench;

/// <summary>
/// A goal a benchmark figure is held to: the budgets of ARCHITECTURE.md section 5 and goals set in issues.
/// <see cref="Benchmark"/> and <see cref="Figures"/> name where the figure is found (a bench that does not
/// exist yet shows as "not measured"); a figure meets the budget when it is at least (or below) the limit.
/// <see cref="MachineLimit"/> names a figure of the same run that bounds what any code could reach on the machine
/// measured (a floor or a ceiling of the machine itself); where that bound already misses the budget, the goal is out of
/// reach there whatever the code does, and the report says so.
/// </summary>
internal sealed record BenchBudget(string Step, string Benchmark, string[] Figures, bool AtLeast, double Limit, string Text, string Source,
    string? MachineLimit = null)
{
    private const string Architecture = "ARCHITECTURE.md §5";

    public static readonly BenchBudget[] All =
    [
        new("tick ingestion", "ingest",
            ["ticks_per_second", "ticks_per_second_with_duckdb", "ticks_per_second_with_clickhouse", "ticks_per_second_with_storage"],
            true, 1_000_000, "≥ 1,000,000 ticks/s per node", Architecture),
        new("ingest against the bare loop", "ingest", ["ratio_to_bare"], true, 0.5, "≥ 0.5", "issue 18"),
        new("all indicators on a new bar", "indicators", ["indicators_ns_per_bar"], false, 200, "< 200 ns together", Architecture),
        new("AI decision", "decision", ["p99_us"], false, 1_000, "< 1 ms (1000 µs) p99", Architecture),
        new("risk assessment", "orders", ["risk_ns"], false, 100_000, "< 100 µs (100,000 ns)", Architecture),
        new("order execution", "orders", ["p99_us"], false, 1_200, "< 1.2 ms (1200 µs) p99 with PostgreSQL", Architecture, "bare_commit_p99_us"),
        new("order execution, median", "orders", ["p50_us"], false, 1_200, "< 1,200 µs p50 with PostgreSQL (fsync on)", "issue 19"),
        new("order p99 against a bare commit", "orders", ["p99_over_bare_p99"], false, 2.0, "≤ 2 × a bare insert-and-commit's p99", "issue 19"),
        new("whole risk chain", "orders", ["risk_ns"], false, 5_000, "< 5,000 ns", "issue 19"),
        new("API", "api", ["requests_per_second"], true, 50_000, "≥ 50,000 authenticated req/s on one 2-core node", Architecture, "bare_cpu_ceiling_requests_per_second"),
        new("API against the bare endpoint", "api", ["ratio_to_bare"], true, 0.4, "≥ 0.4 of a bare endpoint's req/s", "issue 20"),
        new("live updates", "live", ["at_10000.p99_ms"], false, 10, "< 10 ms p99 at 10,000 subscribers", Architecture, "at_10000.socket_floor_ms"),
        new("live updates, 2,000 subscribers", "live", ["at_2000.p99_ms"], false, 10, "< 10 ms p99 at 2,000 subscribers", "issue 20", "at_2000.socket_floor_ms"),
        new("dashboard's first page interactive", "dashboard", ["first_page_interactive_ms_p50"], false, 200, "< 200 ms on loopback", "issue 21", "floor_sign_in_load_ms_p50"),
        new("quote painted in the dashboard", "dashboard", ["quote_painted_ms_p50"], false, 100, "< 100 ms from entering the bridge", "issue 21"),
        new("backtest", "backtest", ["ticks_per_second"], true, 1_000_000, "≥ 1,000,000 ticks/s through the same Core code", Architecture),
        new("backtest against candles and indicators alone", "backtest", ["ratio_to_bare"], true, 0.3, "≥ 0.3", "issue 19"),
        new("orders served again after a silo is killed", "faults", ["kill_recovery_s"], false, 2, "within 2 s (SIGKILL)", "issue 23"),
        new("orders served again after a silo hangs", "faults", ["hang_recovery_s"], false, 10, "within 10 s (SIGSTOP)", "issue 23"),
    ];

    public static BenchBudget? For(string? benchmark, string figure) =>
        All.FirstOrDefault(b => b.Benchmark == benchmark && b.Figures.Contains(figure));

    public bool IsMetBy(double value) => AtLeast ? value >= Limit : value < Limit;

    public string Verdict(double value) => IsMetBy(value) ? "meets" : "falls short";
}
