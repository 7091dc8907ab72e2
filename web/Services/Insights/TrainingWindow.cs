using System.Globalization;

namespace Plan2.Web.Services.Insights;

/// <summary>
/// The days a model set was trained on, as its manifest writes them ("2017-01-02 – 2017-03-31"). The embedded platform's
/// replay feed plays stored history, by default the very months the shipped models learnt from: live accuracy measured
/// on those bars is in-sample, and the page must say so rather than show it as a forecast's.
/// </summary>
public sealed record TrainingWindow(DateOnly From, DateOnly To)
{
    public static TrainingWindow? Parse(string? text)
    {
        var parts = text?.Split('–', StringSplitOptions.TrimEntries);
        return parts is { Length: 2 }
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && from <= to ? new TrainingWindow(from, to) : null;
    }

    public bool Contains(long barTimeUnixMs) =>
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(barTimeUnixMs).UtcDateTime) is var day && day >= From && day <= To;

    public override string ToString() => $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}";
}
