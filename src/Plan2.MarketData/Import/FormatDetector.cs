using System.Text.RegularExpressions;

namespace Plan2.MarketData.Import;

/// <summary>Recognises a format from a file's first line, and checks an MT5 header against the format asked for.</summary>
public static partial class FormatDetector
{
    public static ImportFormat? Detect(string firstLine)
    {
        if (firstLine.StartsWith("<DATE>", StringComparison.OrdinalIgnoreCase))
            return firstLine.Contains("<BID>", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Mt5Ticks
                : firstLine.Contains("<OPEN>", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Mt5Bars
                : null;
        if (HistDataLine().IsMatch(firstLine)) return ImportFormat.M1Bars;
        if (MtBarLine().IsMatch(firstLine)) return ImportFormat.MtBars;
        return null;
    }

    /// <summary>Null when the header fits the format; otherwise what is wrong with it.</summary>
    public static string? CheckHeader(ImportFormat format, string header)
    {
        string[] expected = format switch
        {
            ImportFormat.Mt5Ticks => ["<DATE>", "<TIME>", "<BID>", "<ASK>"],
            ImportFormat.Mt5Bars => ["<DATE>", "<TIME>", "<OPEN>", "<HIGH>", "<LOW>", "<CLOSE>"],
            _ => [],
        };
        var columns = header.Split('\t', StringSplitOptions.TrimEntries);
        for (var i = 0; i < expected.Length; i++)
            if (i >= columns.Length || !columns[i].Equals(expected[i], StringComparison.OrdinalIgnoreCase))
            {
                var other = Detect(header);
                return $"the header does not fit --format {format.Name()} (expected {string.Join(' ', expected)})"
                    + (other is { } o && o != format ? $"; it looks like --format {o.Name()}" : "");
            }
        return null;
    }

    [GeneratedRegex(@"^\d{8} \d{6};")]
    private static partial Regex HistDataLine();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?,")]
    private static partial Regex MtBarLine();
}
