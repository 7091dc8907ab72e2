using Plan2.Core.Tenancy;

namespace Plan2.Core.Identity;

/// <summary>One API key of a tenant: a role, who made it, when last used; the secret only as a SHA-256 hash.</summary>
public sealed class ApiKeyEntry
{
    public required string KeyId { get; init; }
    public required string Name { get; init; }
    public required TenantRole Role { get; init; }
    public required string SecretHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Keys are random 256-bit secrets, so a fast hash suffices (a slow one would cost every request).</summary>
    public bool Matches(string secret) => RevokedAt is null && TokenHash.FixedTimeEquals(SecretHash, TokenHash.Of(secret));
}
