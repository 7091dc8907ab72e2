using System.Diagnostics;
using Plan2.Storage.Orders;

namespace Plan2.Cli.Bench;

/// <summary>
/// The journal without the grains: the four entries a filled market order writes (placed, submitted, accepted, filled)
/// appended through the real group-commit log, one order at a time; the latencies of the appends made, in µs.
/// </summary>
internal sealed class JournalAlone(string postgres) : IAsyncDisposable
{
    private readonly PostgresOrderLog _log = new(postgres);
    private readonly string _tenant = "bench-" + Guid.NewGuid().ToString("n")[..8];
    private int _count;

    public List<double> Latencies { get; } = [];

    public async Task AppendAsync()
    {
        var i = _count++;
        var at = DateTimeOffset.UtcNow;
        OrderLogRow Row(int seq, string kind, string payload) => new(_tenant, "acc-0", $"acc-0.j{i}", seq, at, kind, payload);
        OrderLogRow[] rows =
        [
            Row(1, "placed", $$$"""{"request":{"clientOrderId":"j{{{i}}}","symbol":"EURUSD","side":1,"quantity":0.01,"placedBy":{"kind":1,"name":"bench"}},"cause":"placed"}"""),
            Row(2, "submitted", """{"by":{"kind":1,"name":"bench"},"cause":"sent to paper"}"""),
            Row(3, "accepted", $$$"""{"venueOrderId":"paper-acc-0.j{{{i}}}","by":{"kind":4,"name":"venue"}}"""),
            Row(4, "filled", $$"""{"tradeId":"acc-0.j{{i}}#1","quantity":0.01,"price":1.1001,"commission":0,"bid":1.1,"ask":1.1001}"""),
        ];
        var start = Stopwatch.GetTimestamp();
        await _log.AppendAsync(rows);
        Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    /// <summary>Removes what it wrote (repeated runs would grow the journal's indexes) and closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        await OrderBench.ForgetTenantAsync(postgres, _tenant);
    }
}
