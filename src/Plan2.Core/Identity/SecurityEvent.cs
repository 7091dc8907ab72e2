namespace Plan2.Core.Identity;

/// <summary>One entry of a tenant's security log; <see cref="UserId"/> is an id, never a person's name.</summary>
public sealed record SecurityEvent(DateTimeOffset At, string Kind, string? UserId, string Detail);

/// <summary>The kinds of security events, as the audit API shows them.</summary>
public static class SecurityEventKinds
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string UserAdded = "user-added";
    public const string UserErased = "user-erased";
    public const string PasswordChanged = "password-changed";
    public const string TotpEnabled = "totp-enabled";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string ApiKeyCreated = "api-key-created";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string RefreshTokenReused = "refresh-token-reused";
}
