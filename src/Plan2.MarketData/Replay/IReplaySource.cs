using Plan2.Core.MarketData;

namespace Plan2.MarketData.Replay;

/// <summary>History to replay as a live feed: per symbol, ticks in time order, one pass.</summary>
public interface IReplaySource
{
    /// <summary>What the dashboard shows as the feed's source, e.g. "replay of imported history (DuckDB)".</summary>
    string Description { get; }

    /// <summary>True for generated data, which the dashboard must label as such.</summary>
    bool IsSimulated { get; }

    IReadOnlyList<string> Symbols { get; }

    IAsyncEnumerable<Tick> ReadAsync(string symbol, CancellationToken ct);
}
