using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class TokenTests(ApiFixture api)
{
    [Fact]
    public async Task Refresh_RotatesAndReuseOfTheOldTokenRevokesTheFamily()
    {
        var tenant = await api.NewTenantAsync();
        var first = await api.SignInAsync(tenant.Email("trader"), tenant.Password);
        using var client = api.Client();

        var rotated = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using (var withNew = api.Client(second.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await withNew.GetAsync("/api/me")).StatusCode);

        var reused = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });
        var problem = await ProblemAssert.IsProblem(reused, HttpStatusCode.Unauthorized);
        Assert.Equal("refresh-reused", problem["code"]!.GetValue<string>());
        // The thief's replay also ends the victim's newer token.
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_GarbageOrOtherTenantsFamily_Refused()
    {
        using var client = api.Client();

        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" }), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ExpiredToken_Refused()
    {
        var tenant = await api.NewTenantAsync();
        var key = new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(Path.Combine(api.DataDir, "api-signing-key")).Trim()));
        var token = Token(key, tenant.Id, expires: DateTime.UtcNow.AddMinutes(-5));
        using var client = api.Client(token);

        await ProblemAssert.IsProblem(await client.GetAsync("/api/accounts"), HttpStatusCode.Unauthorized);
        using var fresh = api.Client(Token(key, tenant.Id, expires: DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/accounts")).StatusCode); // the same token, unexpired, is good
    }

    [Fact]
    public async Task ForgedToken_Refused()
    {
        var tenant = await api.NewTenantAsync();
        var forger = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(48));
        using var client = api.Client(Token(forger, "platform", expires: DateTime.UtcNow.AddMinutes(5)));

        await ProblemAssert.IsProblem(await client.GetAsync($"/api/tenants/{tenant.Id}"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/tenants", new { name = "Forged" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoToken_Unauthorized_HealthAndOpenApiOpen()
    {
        using var client = api.Client();

        await ProblemAssert.IsProblem(await client.GetAsync("/api/orders"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/auth/sign-in", "/api/auth/refresh", "/api/tenants", "/api/tenants/{tenantId}/users", "/api/tenants/{tenantId}/api-keys",
                     "/api/quotes/{symbol}", "/api/candles/{symbol}", "/api/predictions/{symbol}", "/api/orders", "/api/orders/{id}", "/api/positions",
                     "/api/accounts/{id}", "/api/kill-switch", "/api/audit", "/api/me/export", "/api/me" })
            Assert.Contains($"\"{path}\"", openApi);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar")).StatusCode);
    }

    private static string Token(SecurityKey key, string tenant, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([
            new Claim("sub", "u-forged"), new Claim("plan2:tenant", tenant),
            new Claim("role", "viewer"), new Claim("role", "trader"), new Claim("role", "tenant-admin"), new Claim("role", "platform-admin")]),
        Issuer = "plan2",
        Audience = "plan2-api",
        IssuedAt = expires.AddMinutes(-15),
        NotBefore = expires.AddMinutes(-15),
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
