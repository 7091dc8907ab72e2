namespace Plan2.Storage.DuckDb;

/// <summary>The embedded store's SQL, in one place.</summary>
internal static class DuckDbSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS ticks (
            symbol VARCHAR NOT NULL, time TIMESTAMP NOT NULL, seq INTEGER NOT NULL,
            bid DECIMAL(18,8) NOT NULL, ask DECIMAL(18,8) NOT NULL, last DECIMAL(18,8) NOT NULL, volume DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS candles (
            symbol VARCHAR NOT NULL, timeframe VARCHAR NOT NULL, open_time TIMESTAMP NOT NULL,
            open DECIMAL(18,8) NOT NULL, high DECIMAL(18,8) NOT NULL, low DECIMAL(18,8) NOT NULL, close DECIMAL(18,8) NOT NULL,
            tick_count BIGINT NOT NULL, volume DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS feed_cursors (
            feed VARCHAR NOT NULL, symbol VARCHAR NOT NULL, through BIGINT NOT NULL, PRIMARY KEY (feed, symbol));
        """;

    // Committed in the transaction of the ticks it covers; never moves back.
    public const string UpsertFeedCursor = """
        INSERT INTO feed_cursors VALUES ($feed, $symbol, $through)
        ON CONFLICT (feed, symbol) DO UPDATE SET through = greatest(feed_cursors.through, excluded.through)
        """;

    public const string ReadFeedCursor = "SELECT through FROM feed_cursors WHERE feed = $feed AND symbol = $symbol";

    public const string RetireOtherSessions = "DELETE FROM feed_cursors WHERE starts_with(feed, $terminal) AND NOT contains(substr(feed, length($terminal) + 1), '#') AND feed <> $feed";

    // The store shares its machine with the live feed: on 2 cores DuckDB's second worker measured twice the CPU
    // per appended row (1M-row appends, 250 against 600 ms) for no gain in time, CPU the feed then lacks.
    public static string Threads(int cores) => $"SET threads = {Math.Max(1, cores - 1)}";

    // (time, seq) between the batch's first and last, inclusive.
    public const string DeleteTickRange = """
        DELETE FROM ticks WHERE symbol = $symbol
          AND (time > $from_time OR (time = $from_time AND seq >= $from_seq))
          AND (time < $to_time OR (time = $to_time AND seq <= $to_seq))
        """;

    public const string LastTick = """
        SELECT time, seq FROM ticks WHERE symbol = $symbol ORDER BY time DESC, seq DESC LIMIT 1
        """;

    public const string DeleteCandleRange = """
        DELETE FROM candles WHERE symbol = $symbol AND timeframe = $timeframe AND open_time BETWEEN $from_time AND $to_time
        """;

    public const string ReadTicks = """
        SELECT time, bid, ask, last, volume FROM ticks
        WHERE symbol = $symbol AND time >= $from_time AND time < $to_time ORDER BY time, seq
        """;

    public const string ReadCandles = """
        SELECT open_time, open, high, low, close, tick_count, volume FROM candles
        WHERE symbol = $symbol AND timeframe = $timeframe AND open_time >= $from_time AND open_time < $to_time ORDER BY open_time
        """;

    // Open and close are the bids of the first and last tick by (time, seq).
    public const string AggregateCandles = """
        SELECT make_timestamp((epoch_ms(time) // $bucket_ms) * $bucket_ms * 1000) AS bucket,
               arg_min(bid, epoch_ms(time) * 1000000 + seq), max(bid), min(bid), arg_max(bid, epoch_ms(time) * 1000000 + seq),
               count(*), sum(volume)
        FROM ticks WHERE symbol = $symbol AND time >= $from_time AND time < $to_time
        GROUP BY bucket ORDER BY bucket
        """;

    public const string ListSeries = """
        SELECT symbol, NULL AS timeframe, count(*), min(time), max(time) FROM ticks GROUP BY symbol
        UNION ALL
        SELECT symbol, timeframe, count(*), min(open_time), max(open_time) FROM candles GROUP BY symbol, timeframe
        ORDER BY 1, 2 NULLS FIRST
        """;
}
