using System.Diagnostics;
using System.Runtime;

namespace Plan2.Cli.Bench;

/// <summary>
/// When a young silo's JIT has settled, as it has in one that has been running: tiered compilation promotes methods
/// for a minute or more after start (its periodic work late), on one of the two cores here, and latency figures
/// timed meanwhile show it (decisions' p99 2–3 ms instead of 0.2–0.4). Settled: compiling took under 0.5 % of the
/// last <see cref="Window"/>, or <see cref="Cap"/> has passed since this was made.
/// </summary>
internal sealed class JitSettling
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10), Cap = TimeSpan.FromSeconds(150);

    /// <summary>Time between warm-up steps once paced: time for the tiering and the silo's periodic work, few steps used.</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(8);

    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _jit = JitInfo.GetCompilationTime();
    private long _at = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>True when the window that just ended had the JIT settled (or the cap is reached); false while a window runs.</summary>
    public bool Check()
    {
        if (Stopwatch.GetElapsedTime(_at) < Window)
            return false;
        var (jit, now) = (JitInfo.GetCompilationTime(), Stopwatch.GetTimestamp());
        var settled = jit - _jit < Stopwatch.GetElapsedTime(_at, now) / 200 || Stopwatch.GetElapsedTime(_started, now) >= Cap;
        (_jit, _at) = (jit, now);
        return settled;
    }

    public static string Describe() =>
        $"paced warm-up steps {Pace.TotalMilliseconds:0} ms apart until compiling took under 0.5 % of a {Window.TotalSeconds:0} s window (at most {Cap.TotalSeconds:0} s)";
}
