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
        if (PythonHeader().IsMatch(firstLine)) return ImportFormat.Mt5Python;
        if (HistDataLine().IsMatch(firstLine)) return ImportFormat.M1Bars;
        if (MtBarLine().IsMatch(firstLine)) return ImportFormat.MtBars;
        return null;
    }

    /// <summary>Null when the header fits the format; otherwise what is wrong with it.</summary>
    public static string? CheckHeader(ImportFormat format, string header)
    {
        if (format == ImportFormat.Mt5Python)
            return PythonHeader().IsMatch(header) ? null
                : "the header does not fit --format mt5-python (expected time,open,high,low,close,tick_volume,spread,real_volume"
                  + " as the MetaTrader5 package's copy_rates frames have it)" + (Detect(header) is { } o ? $"; it looks like --format {o.Name()}" : "");
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

    /// <summary>copy_rates_* columns, optionally after a pandas index column (unnamed, or named e.g. "index").</summary>
    [GeneratedRegex(@"^\s*(?:""?[A-Za-z0-9_: ]*""?\s*,)?\s*""?time""?\s*,\s*""?open""?\s*,\s*""?high""?\s*,\s*""?low""?\s*,\s*""?close""?\s*(,|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PythonHeader();

    [GeneratedRegex(@"^\d{8} \d{6};")]
    private static partial Regex HistDataLine();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?,")]
    private static partial Regex MtBarLine();
}
