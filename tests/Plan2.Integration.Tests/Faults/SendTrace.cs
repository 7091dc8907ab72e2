using System.Collections.Concurrent;
using System.Diagnostics;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// With PLAN2_FAULT_TRACE=1 a fault run writes a timeline: every order send the client made (after its own resend
/// filter, so each resend is one line) and the silos' membership log lines, in UTC, to see what a slow recovery
/// waited on. Off by default: a figure, not a verdict.
/// </summary>
public sealed class SendTrace : IOutgoingGrainCallFilter
{
    public static bool Enabled => Environment.GetEnvironmentVariable("PLAN2_FAULT_TRACE") == "1";

    private readonly ConcurrentQueue<(DateTime At, string Line)> _lines = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name != "PlaceOrderAsync")
        {
            await context.Invoke();
            return;
        }
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var outcome = "?";
        try
        {
            await context.Invoke();
            outcome = "ok";
        }
        catch (Exception e)
        {
            outcome = $"{e.GetType().Name}: {e.Message.Split('\n')[0][..Math.Min(160, e.Message.Split('\n')[0].Length)]}";
            throw;
        }
        finally
        {
            _lines.Enqueue((started, $"send {context.TargetId.Key} {clock.Elapsed.TotalSeconds:0.000} s {outcome}"));
        }
    }

    /// <summary>Writes the sends from 2 s before the fault on, and each silo's log, to artifacts/faults-trace-NAME.txt.</summary>
    public async Task WriteAsync(string name, DateTime faultAt, SiloProcesses cluster)
    {
        var lines = new List<string> { $"{faultAt:HH:mm:ss.fff} FAULT" };
        lines.AddRange(_lines.Where(l => l.At >= faultAt.AddSeconds(-2)).OrderBy(l => l.At).Select(l => $"{l.At:HH:mm:ss.fff} {l.Line}"));
        foreach (var silo in cluster.Silos)
            lines.Add($"---- silo {silo.SiloPort}\n{silo.Process.Output}");
        var dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(dir, $"faults-trace-{name}.txt"), lines);
    }
}
