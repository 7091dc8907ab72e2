using System.Text.Json.Serialization;

namespace Plan2.Grains.Identity;

/// <summary>
/// The stored form of a tenant's credentials, keys and security log (state "identity" beside the tenant's
/// own). Field names are fixed by [JsonPropertyName] and [Id]s, not CLR names. Only hashes are stored.
/// </summary>
[GenerateSerializer, Alias("plan2.identity-state.v1")]
public sealed class IdentityState
{
    [Id(0), JsonPropertyName("users")] public List<CredentialsRecord> Users { get; set; } = [];
    [Id(1), JsonPropertyName("keys")] public List<ApiKeyRecord> Keys { get; set; } = [];
    [Id(2), JsonPropertyName("log")] public List<SecurityEventRecord> Log { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.credentials-record.v1")]
public sealed class CredentialsRecord
{
    [Id(0), JsonPropertyName("userId")] public string UserId { get; set; } = "";
    [Id(1), JsonPropertyName("email")] public string Email { get; set; } = "";
    [Id(2), JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [Id(3), JsonPropertyName("passwordHash")] public string PasswordHash { get; set; } = "";
    [Id(4), JsonPropertyName("mustChangePassword")] public bool MustChangePassword { get; set; }
    [Id(5), JsonPropertyName("failedSignIns")] public int FailedSignIns { get; set; }
    [Id(6), JsonPropertyName("lockedUntil")] public DateTimeOffset? LockedUntil { get; set; }
    [Id(7), JsonPropertyName("totpSecret")] public string? TotpSecret { get; set; }
    [Id(8), JsonPropertyName("pendingTotpSecret")] public string? PendingTotpSecret { get; set; }
    [Id(9), JsonPropertyName("lastTotpStep")] public long LastTotpStep { get; set; }
    [Id(10), JsonPropertyName("recoveryCodeHashes")] public List<string> RecoveryCodeHashes { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.api-key-record.v1")]
public sealed class ApiKeyRecord
{
    [Id(0), JsonPropertyName("keyId")] public string KeyId { get; set; } = "";
    [Id(1), JsonPropertyName("name")] public string Name { get; set; } = "";
    [Id(2), JsonPropertyName("role")] public int Role { get; set; }
    [Id(3), JsonPropertyName("secretHash")] public string SecretHash { get; set; } = "";
    [Id(4), JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [Id(5), JsonPropertyName("createdBy")] public string CreatedBy { get; set; } = "";
    [Id(6), JsonPropertyName("lastUsedAt")] public DateTimeOffset? LastUsedAt { get; set; }
    [Id(7), JsonPropertyName("revokedAt")] public DateTimeOffset? RevokedAt { get; set; }
}

[GenerateSerializer, Alias("plan2.security-event-record.v1")]
public sealed class SecurityEventRecord
{
    [Id(0), JsonPropertyName("at")] public DateTimeOffset At { get; set; }
    [Id(1), JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [Id(2), JsonPropertyName("userId")] public string? UserId { get; set; }
    [Id(3), JsonPropertyName("detail")] public string Detail { get; set; } = "";
}
