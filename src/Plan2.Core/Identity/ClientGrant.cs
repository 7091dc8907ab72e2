using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Plan2.Core.Tenancy;

namespace Plan2.Core.Identity;

/// <summary>What a grant says: which tenant's API key a connected client proved, with which role, until when.</summary>
public sealed record ClientGrant(string TenantId, string KeyId, TenantRole Role, DateTimeOffset ExpiresAt);

/// <summary>
/// A grant as the grain client carries it in every call: its fields in clear and an HMAC-SHA256 over them
/// with a key only the silos hold, so a client can read its grant but cannot make or alter one. Text form:
/// "g1.TENANT.KEY-ID.ROLE.EXPIRES-UNIX-MS.MAC" (tenant and key ids never contain dots).
/// </summary>
public static class ClientGrantToken
{
    private const string Version = "g1";
    public const int MinimumKeyBytes = 32;

    public static string Sign(ClientGrant grant, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (key.Length < MinimumKeyBytes)
            throw new ArgumentException($"A grant key has at least {MinimumKeyBytes} bytes.", nameof(key));
        if (grant.TenantId.Contains('.') || grant.KeyId.Contains('.') || grant.TenantId.Length == 0 || grant.KeyId.Length == 0)
            throw new ArgumentException("Tenant and key ids of a grant are non-empty and contain no dots.", nameof(grant));
        var body = string.Join('.', Version, grant.TenantId, grant.KeyId, ((int)grant.Role).ToString(CultureInfo.InvariantCulture),
            grant.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return body + "." + Mac(body, key);
    }

    /// <summary>The grant when the token is well formed, signed with this key and not expired at <paramref name="now"/>; otherwise null.</summary>
    public static ClientGrant? Verify(string? token, ReadOnlySpan<byte> key, DateTimeOffset now)
    {
        if (token is null || token.Length > 300)
            return null;
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0)
            return null;
        var body = token[..lastDot];
        var expected = Encoding.ASCII.GetBytes(Mac(body, key));
        var presented = Encoding.ASCII.GetBytes(token[(lastDot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
            return null;
        var parts = body.Split('.');
        if (parts.Length != 5 || parts[0] != Version
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var role) || !Enum.IsDefined((TenantRole)role)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs))
            return null;
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(expiresMs);
        return expires <= now ? null : new ClientGrant(parts[1], parts[2], (TenantRole)role, expires);
    }

    private static string Mac(string body, ReadOnlySpan<byte> key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
