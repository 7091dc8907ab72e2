using System.Runtime;

namespace Plan2.Cli.Bench;

/// <summary>The garbage collector this process runs, for the figures that depend on it (pauses, tails).</summary>
internal static class GcMode
{
    public static string Describe()
    {
        var kind = GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = AppContext.TryGetSwitch("System.GC.Concurrent", out var on) && !on ? "non-concurrent" : "concurrent";
        var conserve = AppContext.GetData("System.GC.ConserveMemory") is { } c ? $", conserve {c}" : "";
        var dynamic = AppContext.GetData("System.GC.DynamicAdaptationMode") is { } d ? $", DATAS {d}" : "";
        return $"{kind}, {concurrent}, latency {GCSettings.LatencyMode}{dynamic}{conserve}, tiered PGO {AppContext.GetData("System.Runtime.TieredPGO") ?? "default"}";
    }
}
