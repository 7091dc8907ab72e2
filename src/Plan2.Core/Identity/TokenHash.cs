using System.Security.Cryptography;
using System.Text;

namespace Plan2.Core.Identity;

/// <summary>SHA-256 of high-entropy tokens (API keys, refresh tokens), compared in fixed time.</summary>
public static class TokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
