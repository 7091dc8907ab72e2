namespace Plan2.Core.MarketData;

/// <summary>Candle periods. Buckets are aligned to the Unix epoch in UTC, so D1 runs 00:00-24:00 UTC.</summary>
public enum Timeframe
{
    M1 = 1,
    M5 = 5,
    M15 = 15,
    H1 = 60,
    D1 = 1440,
}

public static class TimeframeExtensions
{
    public static readonly Timeframe[] All = [Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1];

    public static long Milliseconds(this Timeframe tf) => (long)tf * 60_000;

    /// <summary>Start of the candle that contains <paramref name="timeMs"/>.</summary>
    public static long BucketStart(this Timeframe tf, long timeMs)
    {
        var ms = tf.Milliseconds();
        var r = timeMs % ms;
        return timeMs - (r < 0 ? r + ms : r);
    }

    public static bool TryParse(string? text, out Timeframe tf) =>
        Enum.TryParse(text, ignoreCase: true, out tf) && Enum.IsDefined(tf) && !int.TryParse(text, out _);
}
