using Microsoft.Extensions.Hosting;
using Plan2.Abstractions.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// Once a second, tells the cluster's MarketFeedGrain how this silo's feeds are doing: the replay
/// (or simulation: the symbols it still plays, and which it left to live terminals) and the MT5 terminals on its bridge, each with ticks per second, totals, refused
/// frames by reason, the last sequence gap and any terminal whose clock is off.
/// </summary>
public sealed class FeedHealthReporter(IGrainFactory grains, BridgeService bridge, ReplayFeedService replay,
    GrainBridgeSink sink, TimeProvider clock) : BackgroundService
{
    private readonly string _silo = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly Dictionary<string, (long Ticks, DateTimeOffset At)> _previous = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bridge.Started.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var feeds = grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var health = bridge.Server.GetHealth();
            var internalFeeds = health.Connections.Where(c => c.IsInternal).ToList();
            var terminals = health.Connections.Where(c => !c.IsInternal).ToList();
            if (replay.Source is { } source)
                await feeds.ReportAsync(Build($"{_silo}/replay", source.IsSimulated ? "simulated" : "replay",
                    string.Join("; ", sink.Live.Describe(source.Symbols).Prepend(source.Description)),
                    [.. source.Symbols.Where(s => !sink.Live.IsLive(s))], internalFeeds, health.Total.LastGapAt, sink.LastLoss));
            if (terminals.Count > 0 || replay.Source is null)
                await feeds.ReportAsync(Build($"{_silo}/mt5", "mt5",
                    $"MT5 bridge on {bridge.Server.LocalEndPoint}: {string.Join(", ", terminals.Where(c => c.TerminalId is not null).Select(TerminalClockReport.Label).DefaultIfEmpty("no terminal connected"))}",
                    [.. terminals.SelectMany(t => t.Symbols).Distinct(StringComparer.Ordinal)], terminals, health.Total.LastGapAt, sink.LastLoss));
        }
    }

    private FeedHealth Build(string id, string kind, string description, IReadOnlyList<string> symbols,
        IReadOnlyList<BridgeConnectionHealth> connections, DateTimeOffset? lastGapAt, string? lastLoss)
    {
        var now = clock.GetUtcNow();
        var total = connections.Sum(c => c.Counters.TicksDelivered);
        var rate = _previous.TryGetValue(id, out var prev) && now > prev.At && total >= prev.Ticks
            ? (total - prev.Ticks) / (now - prev.At).TotalSeconds
            : 0;
        _previous[id] = (total, now);
        var faults = connections.SelectMany(c => c.Counters.Faults)
            .GroupBy(f => f.Key.ToString(), f => f.Value)
            .ToDictionary(g => g.Key, g => g.Sum());
        var gaps = connections.Sum(c => c.Counters.Gaps);
        return new FeedHealth(id, kind, description, symbols, Math.Round(rate, 1), total, connections.Count, faults,
            gaps > 0 ? lastGapAt : null, gaps > 0 ? $"{gaps} gap(s), {connections.Sum(c => c.Counters.ResendRequests)} resend request(s)" + (lastLoss is null ? "" : $"; {lastLoss}") : lastLoss, now,
            TerminalClockReport.Problems(connections),
            [.. connections.Where(c => !c.IsInternal).Select(c => new TerminalHealth(c.TerminalId ?? "(no HELLO yet)", c.RemoteEndPoint, c.Symbols,
                c.Counters.TicksDelivered, c.Clock.BrokerOffset, c.Clock.TerminalSkew, c.Clock.Problem))]);
    }
}
