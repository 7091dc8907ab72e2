using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Plan2.Grains.Trading.Accounts;

// Where a recovery's seconds go: with Information logging for this category (the fault tests' PLAN2_FAULT_TRACE=1),
// each activation logs what its rebuild cost, and its first placement what each read risk needs took. Off, it costs a
// timestamp or two per call and allocates nothing.
public sealed partial class AccountGrain
{
    private bool _placedSinceActivation;
    private ReadTimes? _reads;

    private bool Tracing => Logger.IsEnabled(LogLevel.Information);

    private static double Ms(long from, long to) => Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 1);

    private void TraceActivation(long started, long read, long replayed, int entries) =>
        Logger.LogInformation("{At:HH:mm:ss.fff} Account {Account} activated in {Total} ms: journal read {Read} ms ({Entries} entries), replay {Replay} ms, quotes {Quotes} ms",
            DateTime.UtcNow, Key, Ms(started, Stopwatch.GetTimestamp()), Ms(started, read), entries, Ms(read, replayed), Ms(replayed, Stopwatch.GetTimestamp()));

    /// <summary>When tracing the first placement of an activation: the moment each of risk's reads answered.</summary>
    private void StartReadTimes<T>(Task quote, ValueTask<T> riskInputs)
    {
        if (_placedSinceActivation || !Tracing)
            return;
        var times = new ReadTimes(Stopwatch.GetTimestamp());
        quote.ContinueWith(_ => times.Quote = Stopwatch.GetTimestamp(), TaskContinuationOptions.ExecuteSynchronously);
        if (riskInputs.IsCompleted)
            times.RiskInputs = times.Started; // kept values: no read
        else
            times.RiskInputsPending = true;
        _reads = times;
    }

    private void TracePlacement(long started, long gathered, string clientOrderId)
    {
        if (_placedSinceActivation)
            return;
        _placedSinceActivation = true;
        if (_reads is not { } reads)
            return;
        _reads = null;
        var end = Stopwatch.GetTimestamp();
        Logger.LogInformation("{At:HH:mm:ss.fff} Account {Account} first placement {Order} in {Total} ms: reads {Gather} ms (quote {Quote}, kill switches and tenant settings {RiskInputs}), " +
            "order grain {Execute} ms", DateTime.UtcNow, Key, clientOrderId, Ms(started, end), Ms(started, gathered),
            Ms(reads.Started, reads.Quote), reads.RiskInputsPending ? "read" : "kept", Ms(gathered, end));
    }

    private sealed class ReadTimes(long started)
    {
        public long Started { get; } = started;
        public long Quote { get; set; } = started;
        public long RiskInputs { get; set; } = started;
        public bool RiskInputsPending { get; set; }
    }
}
