using System.Security.Cryptography;

namespace Plan2.Core.Messaging;

/// <summary>One-time link codes: short enough to type, random enough not to guess within their lifetime.</summary>
public static class LinkCodes
{
    // No 0/O or 1/I/L: the code is read off a screen and typed.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 10; // 31^10 ≈ 8e14 codes

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string New() => string.Create(Length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>The code as typed, upper-cased and without spaces or dashes; null if it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
            return null;
        var code = new string(typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(c => Alphabet.Contains(c)) ? code : null;
    }
}
