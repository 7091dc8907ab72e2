using System.Globalization;
using Plan2.Core.MarketData;

namespace Plan2.Ml.Serving;

/// <summary>
/// When a model set's training data begins and ends, from its members' training windows ("2017-01-02 – 2017-03-31",
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
            if (Days(member.TrainingWindow) is not { } days)
                return null;
            var end = new DateTimeOffset(days.Last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            latest = Math.Max(latest ?? long.MinValue, end);
        }
        var bar = TimeframeExtensions.TryParse(manifest.Timeframe, out var tf) ? tf.Milliseconds() : Timeframe.D1.Milliseconds();
        return latest + manifest.HorizonBars * bar;
    }

    /// <summary>
    /// Whether some member learnt from the bar opening at <paramref name="barOpenMs"/> (its features or its label): from
    /// the earliest first day to <see cref="UnseenFromMs"/>. False when a window is not readable.
    /// </summary>
    public static bool TrainedOn(ModelManifest manifest, long barOpenMs)
    {
        if (UnseenFromMs(manifest) is not { } unseen || manifest.Models.Count == 0)
            return false;
        var first = manifest.Models.Min(m => Days(m.TrainingWindow)!.Value.First);
        return barOpenMs >= new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() && barOpenMs < unseen;
    }

    /// <summary>The members' windows as written, each once ("2017-01-02 – 2017-03-31").</summary>
    public static string Describe(ModelManifest manifest) => string.Join("; ", manifest.Models.Select(m => m.TrainingWindow).Distinct());

    /// <summary>A window's first and last day; null when it does not read as two dates in order.</summary>
    public static (DateOnly First, DateOnly Last)? Days(string? window)
    {
        var parts = window?.Split('–', StringSplitOptions.TrimEntries);
        return parts is { Length: 2 }
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
            && first <= last ? (first, last) : null;
    }
}
