using System.Globalization;
using System.Text;

namespace Plan2.MarketData.Import;

/// <summary>
/// Makes text from a file safe to print: control characters (an ESC that would drive the terminal,
/// a NUL, a CR that would overwrite the line) and invisible format characters (a right-to-left
/// override that reorders what is shown) become visible escapes such as <c>\x1b</c> or <c>\u202e</c>.
/// </summary>
public static class Printable
{
    public static string Escape(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i]))
            i++;
        if (i == text.Length)
            return text.ToString();
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text[..i]);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
                sb.Append(c);
            else if (c <= 0xff)
                sb.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else
                sb.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
