using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Identity;
using Plan2.Core.Tenancy;

namespace Plan2.Grains.Identity;

/// <summary>Converts between the Core identity types, their stored form and the messages clients see.</summary>
internal static class IdentityMapping
{
    public static TenantIdentity ToIdentity(this IdentityState s) => new(
        s.Users.Select(u => new UserCredentials
        {
            UserId = u.UserId, Email = u.Email, CreatedAt = u.CreatedAt, PasswordHash = u.PasswordHash,
            MustChangePassword = u.MustChangePassword, FailedSignIns = u.FailedSignIns, LockedUntil = u.LockedUntil,
            TotpSecret = u.TotpSecret, PendingTotpSecret = u.PendingTotpSecret, LastTotpStep = u.LastTotpStep,
            RecoveryCodeHashes = [.. u.RecoveryCodeHashes],
        }),
        s.Keys.Select(k => new ApiKeyEntry
        {
            KeyId = k.KeyId, Name = k.Name, Role = (TenantRole)k.Role, SecretHash = k.SecretHash, CreatedAt = k.CreatedAt,
            CreatedBy = k.CreatedBy, LastUsedAt = k.LastUsedAt, RevokedAt = k.RevokedAt,
        }),
        s.Log.Select(e => new SecurityEvent(e.At, e.Kind, e.UserId, e.Detail)),
        IdentityRules.Default);

    public static IdentityState ToState(this TenantIdentity identity) => new()
    {
        Users = identity.Users.Select(u => new CredentialsRecord
        {
            UserId = u.UserId, Email = u.Email, CreatedAt = u.CreatedAt, PasswordHash = u.PasswordHash,
            MustChangePassword = u.MustChangePassword, FailedSignIns = u.FailedSignIns, LockedUntil = u.LockedUntil,
            TotpSecret = u.TotpSecret, PendingTotpSecret = u.PendingTotpSecret, LastTotpStep = u.LastTotpStep,
            RecoveryCodeHashes = [.. u.RecoveryCodeHashes],
        }).ToList(),
        Keys = identity.Keys.Select(k => new ApiKeyRecord
        {
            KeyId = k.KeyId, Name = k.Name, Role = (int)k.Role, SecretHash = k.SecretHash, CreatedAt = k.CreatedAt,
            CreatedBy = k.CreatedBy, LastUsedAt = k.LastUsedAt, RevokedAt = k.RevokedAt,
        }).ToList(),
        Log = identity.Log.Select(e => new SecurityEventRecord { At = e.At, Kind = e.Kind, UserId = e.UserId, Detail = e.Detail }).ToList(),
    };

    public static UserAccountView ToView(this UserCredentials user, string tenantId, TenantRole role) =>
        new(tenantId, user.UserId, user.Email, (UserRole)role, user.MustChangePassword, user.TotpEnabled, user.CreatedAt);

    public static ApiKeyView ToView(this ApiKeyEntry key, string tenantId) =>
        new(tenantId, key.KeyId, key.Name, (UserRole)key.Role, key.CreatedAt, key.CreatedBy, key.LastUsedAt, key.RevokedAt);

    public static SecurityEventView ToView(this SecurityEvent e) => new(e.At, e.Kind, e.UserId, e.Detail);
}
