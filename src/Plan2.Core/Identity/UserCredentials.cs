namespace Plan2.Core.Identity;

/// <summary>
/// How one user proves who they are: a password hash, a confirmed TOTP secret with its recovery codes,
/// and the failure count that locks them out. Hashes only: the secrets themselves are never kept.
/// </summary>
public sealed class UserCredentials
{
    public required string UserId { get; init; }
    public required string Email { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string PasswordHash { get; set; }
    public bool MustChangePassword { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? TotpSecret { get; set; }
    public string? PendingTotpSecret { get; set; }
    /// <summary>The last TOTP step accepted: a code is good once, so one seen over a shoulder cannot be replayed.</summary>
    public long LastTotpStep { get; set; }
    public List<string> RecoveryCodeHashes { get; set; } = [];

    public bool TotpEnabled => TotpSecret is not null;

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Decides a sign-in. The password is checked only when not locked out; a wrong password or code
    /// counts toward lockout, a missing code does not (the client just asks for it).
    /// </summary>
    public SignInDecision SignIn(string password, string? code, ISecretVerifier verifier, IdentityRules rules, DateTimeOffset now)
    {
        if (IsLockedOut(now))
            return SignInDecision.LockedOut;
        if (!verifier.Matches(PasswordHash, password))
            return Fail(SignInDecision.InvalidCredentials, rules, now);
        if (TotpSecret is null)
            return Succeed();
        if (string.IsNullOrWhiteSpace(code))
            return SignInDecision.CodeRequired;
        var trimmed = code.Trim();
        if (verifier.TotpStep(TotpSecret, trimmed, now) is { } step && step > LastTotpStep)
        {
            LastTotpStep = step;
            return Succeed();
        }
        var recovery = RecoveryCodeHashes.FindIndex(h => verifier.Matches(h, NormalizeRecoveryCode(trimmed)));
        if (recovery < 0)
            return Fail(SignInDecision.InvalidCode, rules, now);
        RecoveryCodeHashes.RemoveAt(recovery);
        return Succeed(SignInDecision.SucceededWithRecoveryCode);
    }

    /// <summary>Recovery codes compare without case, spaces or dashes (people copy them by hand).</summary>
    public static string NormalizeRecoveryCode(string code) =>
        new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private SignInDecision Succeed(SignInDecision decision = SignInDecision.Succeeded)
    {
        FailedSignIns = 0;
        LockedUntil = null;
        return decision;
    }

    private SignInDecision Fail(SignInDecision decision, IdentityRules rules, DateTimeOffset now)
    {
        FailedSignIns++;
        if (FailedSignIns < rules.MaxFailedSignIns)
            return decision;
        FailedSignIns = 0;
        LockedUntil = now + rules.LockoutDuration;
        return SignInDecision.LockedOutNow;
    }
}

public enum SignInDecision
{
    Succeeded,
    SucceededWithRecoveryCode,
    InvalidCredentials,
    InvalidCode,
    CodeRequired,
    LockedOut,
    /// <summary>This failure reached the limit: the user is locked out from now on.</summary>
    LockedOutNow,
}
