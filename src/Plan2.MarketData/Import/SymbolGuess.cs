using System.Text.RegularExpressions;
using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>
/// Symbol and bar timeframe from the file names the sources use: MT5 "EURUSD_M5_202201030000_….csv",
/// HistData "DAT_ASCII_EURUSD_M1_201701.csv", plain "USDCAD_M1.csv".
/// </summary>
public static partial class SymbolGuess
{
    public static string? Symbol(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var match = NamePattern().Match(name);
        return match.Success ? match.Groups["symbol"].Value.ToUpperInvariant() : null;
    }

    public static Timeframe? BarTimeframe(string path)
    {
        var match = NamePattern().Match(Path.GetFileNameWithoutExtension(path));
        return match.Success && TimeframeExtensions.TryParse(match.Groups["tf"].Value, out var tf) ? tf : null;
    }

    /// <summary>A symbol is 1-32 of A-Z, 0-9 and . _ # - (broker suffixes such as "EURUSD.m").</summary>
    public static bool IsValid(string? symbol) =>
        symbol is { Length: >= 1 and <= 32 } && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '#' or '-');

    [GeneratedRegex(@"^(?:DAT_ASCII_)?(?<symbol>[A-Za-z0-9.#]+?)_(?<tf>M1|M5|M15|M30|H1|H4|D1)(?:_|$)", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
}
