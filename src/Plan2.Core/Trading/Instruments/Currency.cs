namespace Plan2.Core.Trading.Instruments;

/// <summary>ISO 4217 codes as plain strings ("USD"); this only checks their shape.</summary>
public static class Currency
{
    public static bool IsCode(string? code) =>
        code is { Length: 3 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);
}
