using System.Text.RegularExpressions;

namespace Plan2.Web.Services;

/// <summary>An enum-like name in words for a page: "BullishEngulfing" → "Bullish engulfing" (it can wrap; the name could not).</summary>
public static partial class PascalWords
{
    public static string Of(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + WordStart().Replace(name[1..], m => " " + char.ToLowerInvariant(m.Value[0]));

    [GeneratedRegex("[A-Z]")]
    private static partial Regex WordStart();
}
