using Plan2.Abstractions.Tenancy;

namespace Plan2.Abstractions.Identity;

/// <summary>A user to add: email (the sign-in name), initial password, role; MustChangePassword for one-time passwords.</summary>
[GenerateSerializer, Immutable, Alias("plan2.new-user")]
public sealed record NewUser(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] UserRole Role,
    [property: Id(3)] bool MustChangePassword = false);

/// <summary>A user as the API shows them; never a secret.</summary>
[GenerateSerializer, Immutable, Alias("plan2.user-account")]
public sealed record UserAccountView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Email,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] bool MustChangePassword,
    [property: Id(5)] bool TotpEnabled,
    [property: Id(6)] DateTimeOffset CreatedAt);

public enum SignInStatus
{
    Succeeded = 0,
    /// <summary>Unknown email or wrong password: the same answer for both, so emails cannot be probed.</summary>
    InvalidCredentials = 1,
    LockedOut = 2,
    /// <summary>The password was right; the user enrolled TOTP and sent no code.</summary>
    CodeRequired = 3,
    InvalidCode = 4,
}

[GenerateSerializer, Immutable, Alias("plan2.sign-in-outcome")]
public sealed record SignInOutcome(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] UserAccountView? User = null,
    [property: Id(2)] DateTimeOffset? LockedUntil = null);

/// <summary>A TOTP secret being enrolled: Base32 for typing in, and the otpauth:// URI a QR code carries.</summary>
[GenerateSerializer, Immutable, Alias("plan2.totp-enrolment")]
public sealed record TotpEnrolment([property: Id(0)] string Secret, [property: Id(1)] string Uri);

/// <summary>A new API key: <see cref="Key"/> is the only time the secret is shown.</summary>
[GenerateSerializer, Immutable, Alias("plan2.api-key-created")]
public sealed record ApiKeyCreated([property: Id(0)] ApiKeyView Info, [property: Id(1)] string Key);

[GenerateSerializer, Immutable, Alias("plan2.api-key")]
public sealed record ApiKeyView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string Name,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? LastUsedAt,
    [property: Id(7)] DateTimeOffset? RevokedAt);

/// <summary>One security event: sign-ins, lockouts, users, roles, keys, second factor, token reuse.</summary>
[GenerateSerializer, Immutable, Alias("plan2.security-event")]
public sealed record SecurityEventView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? UserId,
    [property: Id(3)] string Detail);

/// <summary>What the tenant keeps about one user.</summary>
[GenerateSerializer, Immutable, Alias("plan2.user-data-export")]
public sealed record UserDataExport(
    [property: Id(0)] UserAccountView User,
    [property: Id(1)] IReadOnlyList<ApiKeyView> ApiKeysCreated,
    [property: Id(2)] IReadOnlyList<SecurityEventView> SecurityEvents);
