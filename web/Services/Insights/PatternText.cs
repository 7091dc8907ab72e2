using Plan2.Abstractions.Predictions;

namespace Plan2.Web.Services.Insights;

/// <summary>
/// How reliable a candlestick pattern has been on this instrument, written one way on every page. A pattern seen for
/// the first time has no outcome yet: its confidence is the even prior, which read "EveningStar: 50 % of 0".
/// </summary>
public static class PatternText
{
    public static string Reliability(PatternView pattern) => pattern.Occurrences == 0
        ? "no outcome here yet"
        : $"held {pattern.Confidence:P0} of {pattern.Occurrences:N0} here";

    /// <summary>"Doji: held 61 % of 86 here".</summary>
    public static string Named(PatternView pattern) => $"{Name(pattern)}: {Reliability(pattern)}";

    /// <summary>"Bullish engulfing": the history's column cut "BullishEngulfing" off, having no space to wrap at.</summary>
    public static string Name(PatternView pattern) => PascalWords.Of(pattern.Pattern);
}
