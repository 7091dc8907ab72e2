using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Auth;

/// <summary>
/// Authenticates integrators by API key, sent as "X-Api-Key: p2_…" or "Authorization: ApiKey p2_…". The
/// key's tenant grain checks the secret on every request, so a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IGrainFactory grains, TenantQuotas quotas)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public static string? KeyOf(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
            return key;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? authorization[(SchemeName.Length + 1)..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = KeyOf(Request);
        if (presented is null)
            return AuthenticateResult.NoResult();
        if (!ApiKeyFormat.TryParse(presented, out var tenant, out var keyId, out var secret))
            return AuthenticateResult.Fail("The API key is malformed.");
        var key = await grains.GetGrain<ITenantIdentityGrain>(tenant).AuthenticateApiKeyAsync(keyId, secret);
        if (key is null)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        await quotas.WarmAsync(tenant);
        var claims = new List<Claim>
        {
            new(Plan2Claims.UserId, Actor.ApiKeyPrefix + key.KeyId),
            new(Plan2Claims.Tenant, key.TenantId),
            new(Plan2Claims.ApiKeyId, key.KeyId),
        };
        claims.AddRange(Caller.RoleClaims(key.TenantId, key.Role));
        var identity = new ClaimsIdentity(claims, SchemeName, Plan2Claims.UserId, Plan2Claims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
