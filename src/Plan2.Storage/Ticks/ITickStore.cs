using Plan2.Core.MarketData;

namespace Plan2.Storage.Ticks;

/// <summary>
/// Where ticks and candles live: ClickHouse in a cluster, DuckDB embedded. Both engines pass one
/// conformance suite (tests/Plan2.Storage.Tests). Contract:
/// <list type="bullet">
/// <item>Ticks are keyed by (symbol, time, seq) where seq orders ticks sharing a millisecond
/// (<see cref="TickSequencer"/>); appending the same ticks again replaces them, so re-importing a
/// file does not duplicate it.</item>
/// <item>Candles are keyed by (symbol, timeframe, open time); appending again replaces them.</item>
/// <item>Prices are stored exactly (8 decimals); times are UTC milliseconds; ranges are [from, to).</item>
/// <item>An append returns only when the rows are durable in the engine, or throws: never a silent loss.</item>
/// </list>
/// </summary>
public interface ITickStore : IAsyncDisposable
{
    /// <summary>"duckdb" or "clickhouse".</summary>
    string Engine { get; }

    /// <summary>Creates the tables if absent; safe to call again.</summary>
    Task EnsureSchemaAsync(CancellationToken ct = default);

    /// <summary>Appends ticks of one symbol in time order; returns how many rows were written.</summary>
    Task<int> AppendTicksAsync(string symbol, ReadOnlyMemory<SequencedTick> ticks, CancellationToken ct = default);

    /// <summary>Appends (or replaces) closed candles of one symbol and timeframe.</summary>
    Task<int> AppendCandlesAsync(string symbol, Timeframe timeframe, ReadOnlyMemory<Candle> candles, CancellationToken ct = default);

    /// <summary>
    /// Several series in one write where the engine allows it (DuckDB: one transaction; ClickHouse: one insert per
    /// table): the same contract as appending each run in turn, in the order given, with far fewer round trips.
    /// A live feed's writer sends everything it coalesced this way.
    /// </summary>
    async Task AppendManyAsync(IReadOnlyList<TickRun> ticks, IReadOnlyList<CandleRun> candles, CancellationToken ct = default)
    {
        foreach (var run in ticks)
            await AppendTicksAsync(run.Symbol, run.Ticks, ct).ConfigureAwait(false);
        foreach (var run in candles)
            await AppendCandlesAsync(run.Symbol, run.Timeframe, run.Candles, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="AppendManyAsync(IReadOnlyList{TickRun}, IReadOnlyList{CandleRun}, CancellationToken)"/> and the feed cursors
    /// those ticks advance: DuckDB in the same transaction; ClickHouse right after the ticks (a cursor never runs ahead of
    /// its ticks, so a crash between the two only makes a terminal resend ticks the store already holds, which replace).
    /// </summary>
    Task AppendManyAsync(IReadOnlyList<TickRun> ticks, IReadOnlyList<CandleRun> candles, IReadOnlyList<FeedCursor> cursors,
        CancellationToken ct = default) => cursors.Count == 0
        ? AppendManyAsync(ticks, candles, ct)
        : throw new NotSupportedException($"The {Engine} store keeps no feed cursors.");

    /// <summary>The stored cursor of a feed and symbol: the last sequence stored, 0 when none.</summary>
    Task<long> ReadFeedCursorAsync(string feed, string symbol, CancellationToken ct = default) =>
        throw new NotSupportedException($"The {Engine} store keeps no feed cursors.");

    /// <summary>
    /// <paramref name="feed"/> (<c>terminal#session</c>) is its terminal's session now: the cursors of the terminal's
    /// earlier sessions are dropped (a restarted EA never resumes them), so cursors grow with terminals, not restarts.
    /// </summary>
    Task RetireOtherSessionsAsync(string feed, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Ticks with from ≤ time &lt; to, in (time, seq) order.</summary>
    IAsyncEnumerable<Tick> ReadTicksAsync(string symbol, long fromMs, long toMs, CancellationToken ct = default);

    /// <summary>Stored candles with from ≤ open time &lt; to, in time order.</summary>
    IAsyncEnumerable<Candle> ReadCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, CancellationToken ct = default);

    /// <summary>Candles computed by the engine from stored ticks (bid prices), buckets aligned to UTC.</summary>
    Task<IReadOnlyList<Candle>> AggregateCandlesAsync(string symbol, Timeframe timeframe, long fromMs, long toMs, CancellationToken ct = default);

    /// <summary>Every stored series: ticks per symbol and candles per symbol and timeframe.</summary>
    Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(CancellationToken ct = default);
}

/// <summary>A tick with its order within its millisecond.</summary>
public readonly record struct SequencedTick(Tick Tick, int Seq);

/// <summary>
/// Ticks of one symbol in (time, seq) order, for <see cref="ITickStore.AppendManyAsync"/>. A live batch names its feed
/// (<c>terminal#session</c>) and the feed sequence it brings the store to: a store that cannot commit ticks and cursor
/// together (ClickHouse) keeps both on the rows, so the rows themselves say how far the feed is stored. Empty and 0: not
/// from a feed (imports, the platform's own replay).
/// </summary>
public readonly record struct TickRun(string Symbol, ReadOnlyMemory<SequencedTick> Ticks, string Feed = "", long FeedSeq = 0);

/// <summary>Closed candles of one symbol and timeframe in time order, for <see cref="ITickStore.AppendManyAsync"/>.</summary>
public readonly record struct CandleRun(string Symbol, Timeframe Timeframe, ReadOnlyMemory<Candle> Candles);

/// <summary>One stored series: Timeframe null for ticks.</summary>
public sealed record SeriesInfo(string Symbol, Timeframe? Timeframe, long Rows, long FirstMs, long LastMs);
