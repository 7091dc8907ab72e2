using System.Runtime.InteropServices;

namespace Plan2.Cli.Bench;

/// <summary>
/// CPU time spent by this process and by its reaped children (getrusage): a load figure that other work on a
/// shared machine disturbs far less than wall-clock rates do, so a bench can say what each request costs.
/// </summary>
internal static partial class ProcessorTime
{
    private const int Self = 0;
    private const int Children = -1;

    /// <summary>User plus system time of this process so far.</summary>
    public static TimeSpan OfSelf() => Read(Self);

    /// <summary>User plus system time of the children this process has waited for (wrk once it exited).</summary>
    public static TimeSpan OfChildren() => Read(Children);

    private static TimeSpan Read(int who)
    {
        if (!OperatingSystem.IsLinux() || GetResourceUsage(who, out var usage) != 0)
            return TimeSpan.Zero;
        return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1_000_000.0 + usage.UserMicroseconds + usage.SystemMicroseconds);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private readonly long _rest0, _rest1, _rest2, _rest3, _rest4, _rest5, _rest6, _rest7, _rest8, _rest9, _rest10, _rest11, _rest12, _rest13;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);
}
