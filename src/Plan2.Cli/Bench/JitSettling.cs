using System.Diagnostics;
using System.Runtime;

namespace Plan2.Cli.Bench;

/// <summary>
/// When a young process's JIT has settled, as it has in one that has been running: tiered compilation promotes methods
/// for a minute or more after a silo starts (its periodic work late), on one of the two cores here, and figures timed
/// meanwhile show it (decisions' p99 2–3 ms instead of 0.2–0.4). Settled: compiling took under <c>share</c> of the time
/// since the last check, once at least <c>window</c> has passed; or <see cref="Cap"/> has passed since this was made.
/// </summary>
internal sealed class JitSettling(TimeSpan window, double share)
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(150);

    /// <summary>Time between warm-up steps once paced: time for the tiering and the silo's periodic work, few steps used.</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(8);

    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _jit = JitInfo.GetCompilationTime();
    private long _at = Stopwatch.GetTimestamp();

    private static readonly TimeSpan SiloWindow = TimeSpan.FromSeconds(10);
    private const double SiloShare = 0.005;

    /// <summary>The silos' rule: under 0.5 % of a 10 s window.</summary>
    public JitSettling() : this(SiloWindow, SiloShare) { }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>True once a check found the JIT settled; false while it was not or when only the cap ended the warm-up.</summary>
    public bool Settled { get; private set; }

    /// <summary>True when the window that just ended had the JIT settled or the cap is reached; false while a window runs.</summary>
    public bool Check()
    {
        if (Stopwatch.GetElapsedTime(_at) < window)
            return false;
        var (jit, now) = (JitInfo.GetCompilationTime(), Stopwatch.GetTimestamp());
        Settled = jit - _jit < Stopwatch.GetElapsedTime(_at, now) * share;
        (_jit, _at) = (jit, now);
        return Settled || Stopwatch.GetElapsedTime(_started, now) >= Cap;
    }

    /// <summary>The rule, for a bench's scope.</summary>
    public string Rule => Describe(window, share);

    /// <summary>The silos' rule (<see cref="JitSettling()"/>), for a bench's scope.</summary>
    public static string SiloRule => Describe(SiloWindow, SiloShare);

    private static string Describe(TimeSpan window, double share) => window == TimeSpan.Zero
        ? FormattableString.Invariant($"until compiling took under {share * 100:0.#} % of the step")
        : FormattableString.Invariant($"until compiling took under {share * 100:0.#} % of a {window.TotalSeconds:0} s window (at most {Cap.TotalSeconds:0} s)");

    /// <summary>A quiet JIT: compiling took under <paramref name="Share"/> of one <paramref name="Window"/>, waited for at most <paramref name="Cap"/>.</summary>
    public sealed record Rules(TimeSpan Window, double Share, TimeSpan Cap)
    {
        public string Rule => FormattableString.Invariant(
            $"compiling under {Share * 100:0.#} % of a {Window.TotalMilliseconds:0} ms window, waited for at most {Cap.TotalSeconds:0} s");
    }

    /// <summary>Waits, idle, until a window passes with the JIT quiet by <paramref name="rules"/>: true then, false at the cap.</summary>
    public static async Task<bool> QuietAsync(Rules rules, CancellationToken ct)
    {
        var settling = new JitSettling(rules.Window, rules.Share);
        while (true)
        {
            await Task.Delay(rules.Window, ct);
            if (settling.Check())
                return true;
            if (settling.Elapsed >= rules.Cap)
                return false;
        }
    }

    /// <summary>The pace, for a bench's scope.</summary>
    public static string Paced => FormattableString.Invariant($"{Pace.TotalMilliseconds:0} ms apart");
}
