using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Plan2.Abstractions.Identity;
using Plan2.Core.Identity;

namespace Plan2.Api.Auth;

/// <summary>
/// Issues access tokens (JWT, HMAC-SHA256, short-lived) and refresh tokens ("TENANT.FAMILY.SECRET": the
/// tenant and family route the refresh to its grain; only the secret's hash is stored there).
/// </summary>
public sealed class TokenIssuer(ApiOptions options, SymmetricSecurityKey key, IGrainFactory grains, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(key, SecurityAlgorithms.HmacSha256);

    public SymmetricSecurityKey Key => key;

    public async Task<TokenPair> StartSessionAsync(UserAccountView user)
    {
        var family = Guid.NewGuid().ToString("n");
        var secret = NewSecret();
        await grains.GetGrain<IRefreshTokenGrain>($"{user.TenantId}/{family}")
            .StartAsync(user.UserId, TokenHash.Of(secret), clock.GetUtcNow() + options.RefreshTokenLifetime);
        return Pair(user, $"{user.TenantId}.{family}.{secret}");
    }

    /// <summary>Swaps a refresh token for a new pair; null with the reason when it is not good.</summary>
    public async Task<(TokenPair? Pair, RefreshStatus Status, string? TenantId, string? UserId)> RefreshAsync(string refreshToken)
    {
        var parts = refreshToken.Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty) || !IsFamily(parts[0], parts[1]))
            return (null, RefreshStatus.Unknown, null, null);
        var (tenant, family, secret) = (parts[0], parts[1], parts[2]);
        var next = NewSecret();
        var outcome = await grains.GetGrain<IRefreshTokenGrain>($"{tenant}/{family}").RotateAsync(TokenHash.Of(secret), TokenHash.Of(next));
        if (outcome.Status != RefreshStatus.Rotated)
            return (null, outcome.Status, tenant, outcome.UserId);
        var user = await grains.GetGrain<ITenantIdentityGrain>(tenant).GetUserAsync(outcome.UserId!);
        if (user is null) // erased or removed since: the family ends with them
        {
            await grains.GetGrain<IRefreshTokenGrain>($"{tenant}/{family}").RevokeAsync();
            return (null, RefreshStatus.Revoked, tenant, outcome.UserId);
        }
        return (Pair(user, $"{tenant}.{family}.{next}"), RefreshStatus.Rotated, tenant, user.UserId);
    }

    public Task RevokeAsync(string refreshToken)
    {
        var parts = refreshToken.Split('.');
        return parts.Length == 3 && IsFamily(parts[0], parts[1])
            ? grains.GetGrain<IRefreshTokenGrain>($"{parts[0]}/{parts[1]}").RevokeAsync()
            : Task.CompletedTask;
    }

    /// <summary>Only well-formed keys reach a grain: garbage tokens must not activate grains.</summary>
    private static bool IsFamily(string tenant, string family) =>
        Core.Tenancy.TenantNames.IsValidTenantId(tenant) && family.Length == 32 && family.All(char.IsAsciiHexDigitLower);

    private TokenPair Pair(UserAccountView user, string refreshToken)
    {
        var now = clock.GetUtcNow();
        var claims = new List<Claim>
        {
            new(Plan2Claims.UserId, user.UserId),
            new(Plan2Claims.Tenant, user.TenantId),
            new(Plan2Claims.Email, user.Email),
        };
        claims.AddRange(Caller.RoleClaims(user.TenantId, user.Role));
        if (user.MustChangePassword)
            claims.Add(new Claim(Plan2Claims.MustChangePassword, "true"));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = _credentials,
        });
        return new TokenPair(token, refreshToken, (int)options.AccessTokenLifetime.TotalSeconds, user.MustChangePassword);
    }

    private static string NewSecret() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What sign-in and refresh answer. PasswordChangeRequired: the token allows only changing the password.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, bool PasswordChangeRequired);
