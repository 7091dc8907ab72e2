namespace Plan2.MarketData.Tests;

/// <summary><c>plan2 bench report</c>: every figure that has a budget shows it, and says whether it meets it or falls short.</summary>
public sealed class BenchReportTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("plan2-report-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static string Result(string benchmark, string date, string figures) =>
        $$"""{"benchmark":"{{benchmark}}","date":"{{date}}","machine":{"cpu":"Test CPU","cores":2,"memory_gib":8,"os":"Linux","runtime":".NET 10"},"figures":{{figures}}}""";

    private async Task<string> ReportAsync(params string[] lines)
    {
        var file = Path.Combine(_data, "results.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        var run = await Plan2Command.RunAsync(_data, "bench", "report", file);
        Assert.Equal(0, run.ExitCode);
        return run.Stdout;
    }

    private static string Row(string report, string figure) =>
        Assert.Single(report.Split('\n'), l => l.StartsWith("| 20", StringComparison.Ordinal) && l.Contains($"| {figure} |"));

    [Fact]
    public async Task AFigureOverItsBudget_FallsShort_AndOneWithin_Meets()
    {
        var report = await ReportAsync(
            Result("indicators", "2026-11-29T13:40:29Z", """{"indicators_ns_per_bar":233.9,"passes":7}"""),
            Result("ingest", "2026-12-03T08:00:00Z",
                """{"ticks_per_second":3203303,"ratio_to_bare":0.316,"ticks_per_second_with_duckdb":1067332,"ticks_per_second_with_clickhouse":987000}"""));

        Assert.EndsWith("| 233.9 | < 200 ns together | falls short |", Row(report, "indicators_ns_per_bar").TrimEnd());
        Assert.EndsWith("| 3203303 | ≥ 1,000,000 ticks/s per node | meets |", Row(report, "ticks_per_second").TrimEnd());
        Assert.EndsWith("| 1067332 | ≥ 1,000,000 ticks/s per node | meets |", Row(report, "ticks_per_second_with_duckdb").TrimEnd());
        Assert.EndsWith("| 987000 | ≥ 1,000,000 ticks/s per node | falls short |", Row(report, "ticks_per_second_with_clickhouse").TrimEnd());
        Assert.EndsWith("| 0.316 | ≥ 0.5 | falls short |", Row(report, "ratio_to_bare").TrimEnd());
        Assert.EndsWith("| 7 |  |  |", Row(report, "passes").TrimEnd()); // no budget: no verdict
    }

    [Fact]
    public async Task ARunWithoutAMachine_IsReported_WithItsFigures()
    {
        // What bench.sh fuzz writes as the first line of a fresh OUT folder (no run before it to take the machine from).
        var report = await ReportAsync(
            """{"benchmark":"fuzz","date":"2026-12-04T15:18:31Z","machine":null,"figures":{"bridge_hostile_frames_cases":16}}""");

        Assert.EndsWith("| machine not described | bridge_hostile_frames_cases | 16 |  |  |", Row(report, "bridge_hostile_frames_cases").TrimEnd());
    }

    [Fact]
    public async Task TheBudgetSummary_JudgesTheNewestRun_AndNamesWhatIsNotMeasured()
    {
        var report = await ReportAsync(
            Result("decision", "2026-11-29T13:51:43Z", """{"p99_us":1500.5}"""),
            Result("decision", "2026-11-29T14:05:55Z", """{"p99_us":317.2}"""));

        var summary = report[report.IndexOf("## Budgets", StringComparison.Ordinal)..report.IndexOf("## decision", StringComparison.Ordinal)];
        Assert.Contains("| AI decision | < 1 ms (1000 µs) p99 | ARCHITECTURE.md §5 | decision p99_us (2026-11-29T14:05:55Z) | 317.2 | meets |", summary);
        Assert.Contains("| all indicators on a new bar | < 200 ns together | ARCHITECTURE.md §5 | not measured yet", summary);
        Assert.Contains("| 1500.5 | < 1 ms (1000 µs) p99 | falls short |", report);
    }

    [Fact]
    public async Task TheBudgetSummary_SaysWhenTheMachinesOwnLimit_PutsAGoalOutOfReach()
    {
        var report = await ReportAsync(
            Result("live", "2026-12-05T08:00:00Z", """{"at_2000":{"p99_ms":166.2,"socket_floor_ms":16.6},"at_10000":{"p99_ms":9.5,"socket_floor_ms":8.3}}"""),
            Result("api", "2026-12-05T08:01:00Z", """{"requests_per_second":25229,"bare_cpu_ceiling_requests_per_second":60000}"""),
            Result("decision", "2026-12-05T08:02:00Z", """{"p99_us":100.3}"""));

        var summary = report[report.IndexOf("## Budgets", StringComparison.Ordinal)..report.IndexOf("## decision", StringComparison.Ordinal)];
        Assert.Contains("| 166.2 | falls short | at_2000.socket_floor_ms 16.6: out of reach on this machine |", summary);
        Assert.Contains("| 9.5 | meets | at_10000.socket_floor_ms 8.3: within reach |", summary);
        Assert.Contains("| 25229 | falls short | bare_cpu_ceiling_requests_per_second 60000: within reach |", summary);
        Assert.Contains("| 100.3 | meets |  |", summary); // no limit named for this budget
        Assert.Contains("| < 200 ms on loopback | issue 21 | not measured yet", summary);
    }
}
