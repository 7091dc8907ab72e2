using System.Globalization;
using Plan2.Core.MarketData;

namespace Plan2.Ml.Serving;

/// <summary>
/// When a model set's training data ends, from its members' training windows ("2017-01-02 – 2017-03-31",
/// UTC dates of the first and last training rows): the first bar none of them trained on is the day after
/// the last date plus the horizon (the last rows' labels look that far ahead).
/// </summary>
public static class TrainingWindow
{
    /// <summary>The first bar open time (UTC ms) after every member's training data; null when a window is not readable.</summary>
    public static long? UnseenFromMs(ModelManifest manifest)
    {
        long? latest = null;
        foreach (var member in manifest.Models)
        {
            if (LastDate(member.TrainingWindow) is not { } last)
                return null;
            var end = new DateTimeOffset(last.AddDays(1), TimeSpan.Zero).ToUnixTimeMilliseconds();
            latest = Math.Max(latest ?? long.MinValue, end);
        }
        var bar = TimeframeExtensions.TryParse(manifest.Timeframe, out var tf) ? tf.Milliseconds() : Timeframe.D1.Milliseconds();
        return latest + manifest.HorizonBars * bar;
    }

    private static DateTime? LastDate(string window)
    {
        var parts = window.Split('–', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && DateTime.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;
    }
}
