using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using Plan2.Core.Identity;

namespace Plan2.Grains.Identity;

/// <summary>
/// ASP.NET Core Identity's password hasher (PBKDF2, versioned format) for passwords and recovery codes,
/// Otp.NET for TOTP (RFC 6238: 30 s steps, 6 digits, one step of drift either way). Stateless, so one instance.
/// </summary>
public sealed class SecretVerifier : ISecretVerifier
{
    public static readonly SecretVerifier Instance = new();
    private static readonly object Subject = new(); // the default hasher ignores the user object
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string secret) => _hasher.HashPassword(Subject, secret);

    public bool Matches(string hash, string secret) =>
        _hasher.VerifyHashedPassword(Subject, hash, secret) != PasswordVerificationResult.Failed;

    public long? TotpStep(string base32Secret, string code, DateTimeOffset now)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            return null;
        var totp = new Totp(Base32Encoding.ToBytes(base32Secret));
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    public static string NewTotpSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>A random token of <paramref name="bytes"/> bytes, URL-safe Base64 without dots (dots separate key parts).</summary>
    public static string RandomToken(int bytes) => Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A recovery code people can type: 10 characters of Base32 in two groups ("abcde-fghij").</summary>
    public static string NewRecoveryCode()
    {
        var text = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant()[..10];
        return $"{text[..5]}-{text[5..]}";
    }

    private static string Base64UrlEncode(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
