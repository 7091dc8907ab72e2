using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Fuzz;

/// <summary>
/// Prints a hostile-input count for the benchmark report: "fuzz: &lt;what&gt;: N cases (detail)". build/bench.sh adds up
/// the lines of one <c>what</c>, so a test that is one case of many (a theory row) prints its own line with a detail
/// that tells it apart; identical lines (this one printed twice, to the test's output and the console) count once.
/// </summary>
internal static class CaseReport
{
    public static void Write(ITestOutputHelper output, string what, long cases, string detail)
    {
        // One line each: a control byte or line break in a detail would split it, and ':' ends bench.sh's <what>.
        var clean = new string(detail.Select(c => char.IsControl(c) ? '.' : c).ToArray());
        var line = $"fuzz: {what.Replace(':', ';')}: {cases} cases ({clean})";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
