namespace Plan2.Abstractions.MarketData;

/// <summary>
/// The cluster's view of its market-data feeds (one well-known grain, key <see cref="Key"/>): every
/// feed reports its health every second or so; the dashboard reads them all.
/// </summary>
[Alias("plan2.IMarketFeedGrain")]
public interface IMarketFeedGrain : IGrainWithStringKey
{
    public const string Key = "feeds";

    /// <summary>Replaces what is known of one feed (by its FeedId).</summary>
    [Alias("Report"), OneWay] Task ReportAsync(FeedHealth health);

    /// <summary>Feeds heard from within the last minute, by FeedId.</summary>
    [Alias("GetAll"), ReadOnly] Task<IReadOnlyList<FeedHealth>> GetAllAsync();
}

/// <summary>
/// How one feed is doing. Kind is "replay", "simulated" or "mt5"; RejectsByReason counts frames or
/// messages the feed refused (tick validation rejects are counted per instrument). ClockProblem says
/// which terminal's clock is off (its own UTC clock, or ticks stamped in the future: trade-server time
/// sent as UTC); null when all look right.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.feed-health")]
public sealed record FeedHealth(
    [property: Id(0)] string FeedId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<string> Symbols,
    [property: Id(4)] double TicksPerSecond,
    [property: Id(5)] long TotalTicks,
    [property: Id(6)] int Connections,
    [property: Id(7)] IReadOnlyDictionary<string, long> RejectsByReason,
    [property: Id(8)] DateTimeOffset? LastGapAt,
    [property: Id(9)] string? LastGap,
    [property: Id(10)] DateTimeOffset ReportedAt,
    [property: Id(11)] string? ClockProblem = null,
    [property: Id(12)] IReadOnlyList<TerminalHealth>? Terminals = null)
{
    public bool IsSimulated => Kind == "simulated";
}

/// <summary>
/// One MT5 terminal on a bridge: who it is, where from, what it streams, and its clocks: the trade server's
/// offset its EA reported (null from a v1 EA), its UTC clock minus ours, and what is wrong with them if anything.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.terminal-health")]
public sealed record TerminalHealth(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string RemoteEndPoint,
    [property: Id(2)] IReadOnlyList<string> Symbols,
    [property: Id(3)] long TicksDelivered,
    [property: Id(4)] TimeSpan? BrokerOffset,
    [property: Id(5)] TimeSpan? ClockSkew,
    [property: Id(6)] string? ClockProblem);
