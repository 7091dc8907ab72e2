using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Identity;
using Plan2.Core.Tenancy;
using Plan2.Grains.Identity;

namespace Plan2.Grains.Tenancy;

/// <summary>The sign-in side of the tenant (<see cref="ITenantIdentityGrain"/>): a shell over <see cref="TenantIdentity"/>.</summary>
public sealed partial class TenantGrain : ITenantIdentityGrain
{
    private static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);
    private static SecretVerifier Secrets => SecretVerifier.Instance;
    private TenantIdentity? _identity;
    private DateTimeOffset _lastUsedWrittenAt;

    private TenantIdentity Identity => _identity ??= identityState.State.ToIdentity();

    async Task<TenantProfile> ITenantIdentityGrain.CreateManagedAsync(string displayName, TenantSettingsView? settings)
    {
        if (state.State.Created)
            throw new InvalidOperationException($"Tenant '{TenantId}' already exists.");
        var tenant = Tenant.CreateManaged(TenantId, displayName, settings?.ToSettings(), clock.GetUtcNow());
        await SaveAsync(tenant);
        await EnterDirectoryAsync();
        return tenant.ToProfile();
    }

    async Task<UserAccountView> ITenantIdentityGrain.RegisterUserAsync(NewUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = Load();
        if (!IdentityRules.IsValidEmail(user.Email))
            throw new ArgumentException($"'{user.Email}' is not a valid email address.");
        if (Identity.Rules.CheckPassword(user.Password) is { } weak)
            throw new ArgumentException(weak);
        var email = TenantNames.NormalizeUserName(user.Email);
        if (tenant.Find(email) is not null)
            throw new InvalidOperationException($"User '{email}' already belongs to tenant '{TenantId}'.");
        var directory = GrainFactory.GetGrain<IUserDirectoryGrain>(email);
        if (!await directory.ClaimAsync(TenantId))
            throw new InvalidOperationException($"Email '{email}' is already registered.");
        try
        {
            var now = clock.GetUtcNow();
            var member = tenant.AddUser(email, user.Role.ToCore(), now);
            var credentials = Identity.Register("u-" + Guid.NewGuid().ToString("n")[..16], email, Secrets.Hash(user.Password), user.MustChangePassword, now);
            await SaveIdentityAsync();
            await SaveAsync(tenant);
            return credentials.ToView(TenantId, member.Role);
        }
        catch
        {
            _identity = null;
            await directory.ReleaseAsync(TenantId);
            throw;
        }
    }

    async Task<SignInOutcome> ITenantIdentityGrain.SignInAsync(string email, string password, string? code)
    {
        var user = Identity.FindByEmail(email ?? "");
        var role = user is null ? null : MemberRole(user);
        if (user is null || role is null)
        {
            Secrets.Matches(DummyHash.Value, password ?? ""); // the same work as for a real user: no timing hint
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }
        var decision = Identity.SignIn(user, password ?? "", code, Secrets, clock.GetUtcNow());
        if (decision != SignInDecision.CodeRequired && decision != SignInDecision.LockedOut)
            await SaveIdentityAsync();
        return decision switch
        {
            SignInDecision.Succeeded or SignInDecision.SucceededWithRecoveryCode => new(SignInStatus.Succeeded, user.ToView(TenantId, role.Value)),
            SignInDecision.CodeRequired => new(SignInStatus.CodeRequired),
            SignInDecision.InvalidCode => new(SignInStatus.InvalidCode),
            SignInDecision.LockedOut or SignInDecision.LockedOutNow => new(SignInStatus.LockedOut, LockedUntil: user.LockedUntil),
            _ => new(SignInStatus.InvalidCredentials),
        };
    }

    Task<IReadOnlyList<UserAccountView>> ITenantIdentityGrain.ListUserAccountsAsync() =>
        Task.FromResult<IReadOnlyList<UserAccountView>>([.. Identity.Users.Select(u => (User: u, Role: MemberRole(u)))
            .Where(x => x.Role is not null).Select(x => x.User.ToView(TenantId, x.Role!.Value))]);

    Task<UserAccountView?> ITenantIdentityGrain.GetUserAsync(string userId) =>
        Task.FromResult(Identity.FindById(userId) is { } user && MemberRole(user) is { } role ? user.ToView(TenantId, role) : null);

    async Task ITenantIdentityGrain.ChangePasswordAsync(string userId, string currentPassword, string newPassword)
    {
        var user = RequireUser(userId);
        if (!Secrets.Matches(user.PasswordHash, currentPassword ?? ""))
            throw new ArgumentException("The current password is wrong.");
        if (Identity.Rules.CheckPassword(newPassword) is { } weak)
            throw new ArgumentException(weak);
        if (newPassword == currentPassword)
            throw new ArgumentException("The new password must differ from the current one.");
        Identity.ChangePassword(user, Secrets.Hash(newPassword), clock.GetUtcNow());
        await SaveIdentityAsync();
    }

    async Task<TotpEnrolment> ITenantIdentityGrain.BeginTotpEnrolmentAsync(string userId)
    {
        var user = RequireUser(userId);
        if (user.TotpEnabled)
            throw new InvalidOperationException("TOTP is already enabled for this user.");
        user.PendingTotpSecret = SecretVerifier.NewTotpSecret();
        await SaveIdentityAsync();
        var label = Uri.EscapeDataString($"Plan2:{user.Email}");
        return new TotpEnrolment(user.PendingTotpSecret, $"otpauth://totp/{label}?secret={user.PendingTotpSecret}&issuer=Plan2&digits=6&period=30");
    }

    async Task<IReadOnlyList<string>> ITenantIdentityGrain.ConfirmTotpAsync(string userId, string code)
    {
        var user = RequireUser(userId);
        var codes = Enumerable.Range(0, Identity.Rules.RecoveryCodeCount).Select(_ => SecretVerifier.NewRecoveryCode()).ToList();
        var hashes = codes.Select(c => Secrets.Hash(UserCredentials.NormalizeRecoveryCode(c))).ToList();
        if (!Identity.ConfirmTotp(user, code, hashes, Secrets, clock.GetUtcNow()))
            throw new ArgumentException("The code does not match the authenticator's secret: check the device's clock and try the next code.");
        await SaveIdentityAsync();
        return codes;
    }

    async Task<ApiKeyCreated> ITenantIdentityGrain.CreateApiKeyAsync(string name, UserRole role, string createdBy)
    {
        Load();
        var creatorRole = await CreatorRoleAsync(createdBy);
        var keyId = "k" + Guid.NewGuid().ToString("n")[..15];
        var secret = SecretVerifier.RandomToken(32);
        var key = Identity.AddApiKey(keyId, name, role.ToCore(), creatorRole, TokenHash.Of(secret), createdBy, clock.GetUtcNow());
        await SaveIdentityAsync();
        return new ApiKeyCreated(key.ToView(TenantId), ApiKeyFormat.Compose(TenantId, keyId, secret));
    }

    Task<IReadOnlyList<ApiKeyView>> ITenantIdentityGrain.ListApiKeysAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyView>>(Identity.Keys.Select(k => k.ToView(TenantId)).ToList());

    async Task<bool> ITenantIdentityGrain.RevokeApiKeyAsync(string keyId, string revokedBy)
    {
        if (!Identity.RevokeApiKey(keyId, revokedBy, clock.GetUtcNow()))
            return false;
        await SaveIdentityAsync();
        return true;
    }

    async Task<ApiKeyView?> ITenantIdentityGrain.AuthenticateApiKeyAsync(string keyId, string secret)
    {
        var key = Identity.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null || !key.Matches(secret ?? ""))
            return null;
        var now = clock.GetUtcNow();
        key.LastUsedAt = now;
        if (now - _lastUsedWrittenAt >= LastUsedWriteInterval) // the time is kept exactly in memory, written at most once a minute
        {
            _lastUsedWrittenAt = now;
            await SaveIdentityAsync();
        }
        return key.ToView(TenantId);
    }

    async Task ITenantIdentityGrain.RecordAsync(string kind, string? userId, string detail)
    {
        Identity.Record(clock.GetUtcNow(), kind, userId, detail);
        await SaveIdentityAsync();
    }

    Task<IReadOnlyList<SecurityEventView>> ITenantIdentityGrain.GetSecurityLogAsync(int count) =>
        Task.FromResult<IReadOnlyList<SecurityEventView>>(Identity.Log.Reverse().Take(Math.Clamp(count, 0, 10_000)).Select(e => e.ToView()).ToList());

    Task<UserDataExport?> ITenantIdentityGrain.ExportUserAsync(string userId)
    {
        if (Identity.FindById(userId) is not { } user || MemberRole(user) is not { } role)
            return Task.FromResult<UserDataExport?>(null);
        return Task.FromResult<UserDataExport?>(new UserDataExport(
            user.ToView(TenantId, role),
            Identity.Keys.Where(k => k.CreatedBy == userId).Select(k => k.ToView(TenantId)).ToList(),
            Identity.Log.Where(e => e.UserId == userId).Select(e => e.ToView()).ToList()));
    }

    async Task ITenantIdentityGrain.EraseUserAsync(string userId)
    {
        var user = RequireUser(userId);
        var tenant = Load();
        if (tenant.Find(user.Email) is not null)
        {
            tenant.RemoveUser(user.Email); // refuses the last admin: the tenant must keep someone who can manage it
            await SaveAsync(tenant);
        }
        Identity.Erase(user, clock.GetUtcNow(), "user erased at their request");
        await SaveIdentityAsync();
        await GrainFactory.GetGrain<IUserDirectoryGrain>(user.Email).ReleaseAsync(TenantId);
        await UnlinkTelegramAsync(user.Email);
    }

    /// <summary>A person who is gone no longer speaks through a Telegram chat (the bot would otherwise keep their linked role).</summary>
    private async Task UnlinkTelegramAsync(string email)
    {
        var directory = GrainFactory.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);
        foreach (var link in await directory.LinksAsync(TenantId))
            if (string.Equals(link.User, email, StringComparison.OrdinalIgnoreCase))
                await directory.UnlinkAsync(link.ChatId);
    }

    private async Task ForgetCredentialsAsync(string userName)
    {
        if (Identity.FindByEmail(userName) is not { } user)
            return;
        Identity.Erase(user, clock.GetUtcNow(), "user removed from the tenant");
        await SaveIdentityAsync();
        await GrainFactory.GetGrain<IUserDirectoryGrain>(user.Email).ReleaseAsync(TenantId);
        await UnlinkTelegramAsync(user.Email);
    }

    /// <summary>
    /// The highest role a key's creator may hand out: a member's own, a platform admin's Admin. Anyone else is
    /// refused: a creator the tenant does not know cannot be checked, and must not count as its admin.
    /// </summary>
    private async Task<TenantRole> CreatorRoleAsync(string createdBy)
    {
        if (Identity.FindById(createdBy ?? "") is { } creator && MemberRole(creator) is { } role)
            return role;
        if (TenantId != Plan2Claims.PlatformTenant && !string.IsNullOrEmpty(createdBy)
            && await GrainFactory.GetGrain<ITenantIdentityGrain>(Plan2Claims.PlatformTenant).GetUserAsync(createdBy) is { Role: UserRole.Admin })
            return TenantRole.Admin;
        throw new UnauthorizedAccessException(
            $"User '{createdBy}' is neither a member of tenant '{TenantId}' nor a platform admin: no API key is created for them.");
    }

    /// <summary>The member's role, or null when the credentials outlived the membership.</summary>
    private TenantRole? MemberRole(UserCredentials user) =>
        state.State.Created && Load().Find(user.Email) is { } member ? member.Role : null;

    private UserCredentials RequireUser(string userId) =>
        Identity.FindById(userId) is { } user && MemberRole(user) is not null
            ? user
            : throw new KeyNotFoundException($"Tenant '{TenantId}' has no user '{userId}'.");

    /// <summary>Writes a fresh copy; on failure the cached identity is dropped so the next call reloads what is stored.</summary>
    private async Task SaveIdentityAsync()
    {
        var previous = identityState.State;
        identityState.State = Identity.ToState();
        try
        {
            await identityState.WriteStateAsync();
        }
        catch
        {
            identityState.State = previous;
            _identity = null;
            throw;
        }
    }

    private static class DummyHash
    {
        public static readonly string Value = SecretVerifier.Instance.Hash("not a password of anyone " + Guid.NewGuid());
    }
}
