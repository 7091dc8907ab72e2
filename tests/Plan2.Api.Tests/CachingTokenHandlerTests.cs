using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Plan2.Api.Auth;

namespace Plan2.Api.Tests;

/// <summary>The access-token cache never lets through what a full validation would refuse.</summary>
public class CachingTokenHandlerTests
{
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));
    private readonly CachingTokenHandler _handler = new(TimeProvider.System);

    [Fact]
    public async Task RememberedToken_StopsBeingValidAtItsExpiry()
    {
        // "exp" is in whole seconds, cut down: a 1 s token issued late in a second had 0.1 s left and was refused at its
        // first validation on a loaded machine. Three seconds leave at least two; the wait then goes past "exp" itself.
        var token = Issue(_key, TimeSpan.FromSeconds(3));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid); // from the cache

        var expires = new JsonWebToken(token).ValidTo;
        await Task.Delay(expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));

        Assert.False((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
    }

    [Fact]
    public async Task AlteredOrForeignSignedToken_RefusedWhileTheGenuineOneIsRemembered()
    {
        var token = Issue(_key, TimeSpan.FromMinutes(5));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        var parts = token.Split('.');
        var altered = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var foreign = Issue(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), TimeSpan.FromMinutes(5));

        Assert.False((await _handler.ValidateTokenAsync(altered, Parameters())).IsValid);
        Assert.False((await _handler.ValidateTokenAsync(foreign, Parameters())).IsValid);
    }

    [Fact]
    public async Task EachValidation_GetsItsOwnIdentity()
    {
        var token = Issue(_key, TimeSpan.FromMinutes(5));
        var first = await _handler.ValidateTokenAsync(token, Parameters());
        first.ClaimsIdentity.AddClaim(new Claim("role", "platform-admin"));

        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(second.IsValid);
        Assert.Equal("u-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.DoesNotContain(second.ClaimsIdentity.Claims, c => c.Type == "role");
    }

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "plan2", ValidAudience = "plan2-api", IssuerSigningKey = _key, ClockSkew = TimeSpan.Zero,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };

    private static string Issue(SymmetricSecurityKey key, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "plan2", Audience = "plan2-api", Subject = new ClaimsIdentity([new Claim("sub", "u-1")]),
        NotBefore = DateTime.UtcNow.AddMinutes(-1), IssuedAt = DateTime.UtcNow.AddMinutes(-1), Expires = DateTime.UtcNow + lifetime,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
