using Plan2.Core.Tenancy;

namespace Plan2.Core.Identity;

/// <summary>
/// The credentials side of a tenant: users' credentials by id, API keys, and the security log. Roles stay
/// in <see cref="Tenant"/>; this holds what proves identity. Bad input throws ArgumentException, a
/// conflict with the state InvalidOperationException.
/// </summary>
public sealed class TenantIdentity(IEnumerable<UserCredentials> users, IEnumerable<ApiKeyEntry> keys, IEnumerable<SecurityEvent> log, IdentityRules rules)
{
    private readonly List<UserCredentials> _users = users.ToList();
    private readonly List<ApiKeyEntry> _keys = keys.ToList();
    private readonly List<SecurityEvent> _log = log.ToList();

    public IReadOnlyList<UserCredentials> Users => _users;
    public IReadOnlyList<ApiKeyEntry> Keys => _keys;
    public IReadOnlyList<SecurityEvent> Log => _log;
    public IdentityRules Rules => rules;

    public UserCredentials? FindById(string userId) => _users.Find(u => u.UserId == userId);

    public UserCredentials? FindByEmail(string email) => _users.Find(u => u.Email == TenantNames.NormalizeUserName(email ?? ""));

    public UserCredentials Register(string userId, string email, string passwordHash, bool mustChangePassword, DateTimeOffset now)
    {
        if (!IdentityRules.IsValidEmail(email))
            throw new ArgumentException($"'{email}' is not a valid email address.", nameof(email));
        var normalized = TenantNames.NormalizeUserName(email);
        if (FindByEmail(normalized) is not null)
            throw new InvalidOperationException($"A user with email '{normalized}' already exists.");
        var user = new UserCredentials
        {
            UserId = userId, Email = normalized, CreatedAt = now, PasswordHash = passwordHash, MustChangePassword = mustChangePassword,
        };
        _users.Add(user);
        Record(now, SecurityEventKinds.UserAdded, userId, "user added");
        return user;
    }

    public SignInDecision SignIn(UserCredentials user, string password, string? code, ISecretVerifier verifier, DateTimeOffset now)
    {
        var decision = user.SignIn(password, code, verifier, rules, now);
        switch (decision)
        {
            case SignInDecision.Succeeded:
                Record(now, SecurityEventKinds.SignedIn, user.UserId, "password" + (user.TotpEnabled ? " and TOTP" : ""));
                break;
            case SignInDecision.SucceededWithRecoveryCode:
                Record(now, SecurityEventKinds.RecoveryCodeUsed, user.UserId, $"{user.RecoveryCodeHashes.Count} recovery codes left");
                Record(now, SecurityEventKinds.SignedIn, user.UserId, "password and recovery code");
                break;
            case SignInDecision.InvalidCredentials or SignInDecision.InvalidCode:
                Record(now, SecurityEventKinds.SignInFailed, user.UserId, decision == SignInDecision.InvalidCode ? "wrong code" : "wrong password");
                break;
            case SignInDecision.LockedOutNow:
                Record(now, SecurityEventKinds.LockedOut, user.UserId, $"{rules.MaxFailedSignIns} failed sign-ins; locked until {user.LockedUntil:O}");
                break;
        }
        return decision;
    }

    public void ChangePassword(UserCredentials user, string newPasswordHash, DateTimeOffset now)
    {
        user.PasswordHash = newPasswordHash;
        user.MustChangePassword = false;
        Record(now, SecurityEventKinds.PasswordChanged, user.UserId, "password changed");
    }

    /// <summary>Enables the pending secret when the code fits it; the caller stores the hashes of new recovery codes.</summary>
    public bool ConfirmTotp(UserCredentials user, string code, IReadOnlyList<string> recoveryCodeHashes, ISecretVerifier verifier, DateTimeOffset now)
    {
        if (user.PendingTotpSecret is null)
            throw new InvalidOperationException("Start TOTP enrolment before confirming it.");
        if (verifier.TotpStep(user.PendingTotpSecret, code?.Trim() ?? "", now) is not { } step)
            return false;
        user.TotpSecret = user.PendingTotpSecret;
        user.PendingTotpSecret = null;
        user.LastTotpStep = step;
        user.RecoveryCodeHashes = recoveryCodeHashes.ToList();
        Record(now, SecurityEventKinds.TotpEnabled, user.UserId, $"{recoveryCodeHashes.Count} recovery codes issued");
        return true;
    }

    public ApiKeyEntry AddApiKey(string keyId, string name, TenantRole role, TenantRole creatorRole, string secretHash, string createdBy, DateTimeOffset now)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100 || trimmed.Any(char.IsControl))
            throw new ArgumentException("An API key's name must be 1-100 printable characters.", nameof(name));
        if (!Enum.IsDefined(role))
            throw new ArgumentException($"Role {(int)role} is not a known role.", nameof(role));
        if (role > creatorRole)
            throw new InvalidOperationException($"A {creatorRole} cannot create a key with the higher role {role}.");
        if (_keys.Count(k => k.IsActive) >= rules.MaxActiveApiKeys)
            throw new InvalidOperationException($"The tenant already has {rules.MaxActiveApiKeys} active API keys, its quota: revoke one first.");
        var key = new ApiKeyEntry { KeyId = keyId, Name = trimmed, Role = role, SecretHash = secretHash, CreatedAt = now, CreatedBy = createdBy };
        _keys.Add(key);
        Record(now, SecurityEventKinds.ApiKeyCreated, createdBy, $"key {keyId} '{trimmed}' as {role}");
        return key;
    }

    public bool RevokeApiKey(string keyId, string revokedBy, DateTimeOffset now)
    {
        var key = _keys.Find(k => k.KeyId == keyId);
        if (key is null)
            return false;
        if (key.RevokedAt is null)
        {
            key.RevokedAt = now;
            Record(now, SecurityEventKinds.ApiKeyRevoked, revokedBy, $"key {keyId} '{key.Name}'");
        }
        return true;
    }

    /// <summary>Removes the user's credentials, revokes the keys they created, and strips what the log said about them.</summary>
    public void Erase(UserCredentials user, DateTimeOffset now, string reason)
    {
        _users.Remove(user);
        foreach (var key in _keys.Where(k => k.CreatedBy == user.UserId && k.IsActive))
            key.RevokedAt = now;
        for (var i = 0; i < _log.Count; i++)
            if (_log[i].UserId == user.UserId)
                _log[i] = _log[i] with { Detail = "[erased]" };
        Record(now, SecurityEventKinds.UserErased, user.UserId, reason);
    }

    public void Record(DateTimeOffset at, string kind, string? userId, string detail)
    {
        _log.Add(new SecurityEvent(at, kind, userId, detail));
        if (_log.Count > rules.SecurityLogCapacity)
            _log.RemoveRange(0, _log.Count - rules.SecurityLogCapacity);
    }
}
