using System.Text.RegularExpressions;

namespace Plan2.Core.Diagnostics;

/// <summary>
/// Takes the values out of an exception message so that the same bug with other ids, amounts or
/// times reads the same: quoted values, GUIDs, e-mail addresses, times, hex and numbers, and any word
/// that carries a digit (order ids, keys like "s1f0c-1700000000") become placeholders.
/// </summary>
public static partial class MessageNormaliser
{
    /// <summary>Normalised messages are cut here: the start of a message names the problem.</summary>
    public const int MaxLength = 300;

    public static string Normalise(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return "";
        var text = message.Length > 4 * MaxLength ? message[..(4 * MaxLength)] : message;
        text = SingleQuoted().Replace(text, "'<v>'");
        text = DoubleQuoted().Replace(text, "\"<v>\"");
        text = Guid().Replace(text, "<guid>");
        text = Email().Replace(text, "<email>");
        text = IsoTime().Replace(text, "<time>");
        text = Hex().Replace(text, "<hex>");
        text = WordWithDigit().Replace(text, m => IsNumber(m.Value) ? "<n>" : "<id>");
        text = Spaces().Replace(text, " ").Trim();
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    private static bool IsNumber(string word)
    {
        var body = word.TrimStart('-', '+');
        return body.Length > 0 && body.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '_');
    }

    [GeneratedRegex(@"'[^'\r\n]{0,200}'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"""[^""\r\n]{0,200}""")]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b")]
    private static partial Regex Hex();

    // A run of word characters and the joiners ids use, holding at least one digit.
    [GeneratedRegex(@"[+-]?[\w.:/#-]*\d[\w.:/#-]*")]
    private static partial Regex WordWithDigit();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
