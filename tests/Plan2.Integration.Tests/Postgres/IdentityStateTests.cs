using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Postgres;

/// <summary>
/// Identity state in a cluster: credentials, lockout counts, API keys and refresh families survive a silo
/// stop on real PostgreSQL, and the cluster silo checks each call's tenant.
/// </summary>
public sealed class IdentityStateTests() : DatabaseTest("identity")
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task CredentialsKeysAndRefreshFamilies_SurviveASiloRestart()
    {
        var tenantId = "acme-" + Guid.NewGuid().ToString("n")[..6];
        var email = $"alice@{tenantId}.test";
        string keyId, secret, userId;
        await using (var first = await InProcessSilo.StartAsync(ClusterId, Db))
        {
            var tenant = first.Grains.GetGrain<ITenantIdentityGrain>(tenantId);
            await tenant.CreateManagedAsync("Acme", null);
            userId = (await tenant.RegisterUserAsync(new NewUser(email, Password, UserRole.Admin))).UserId;
            Assert.True(ApiKeyFormat.TryParse((await tenant.CreateApiKeyAsync("ci", UserRole.Viewer, userId)).Key, out _, out keyId, out secret));
            Assert.Equal(SignInStatus.InvalidCredentials, (await tenant.SignInAsync(email, "wrong password!", null)).Status);
            await first.Grains.GetGrain<IRefreshTokenGrain>($"{tenantId}/family-1").StartAsync(userId, "hash-1", DateTimeOffset.UtcNow.AddDays(1));
            Assert.Equal(RefreshStatus.Rotated, (await first.Grains.GetGrain<IRefreshTokenGrain>($"{tenantId}/family-1").RotateAsync("hash-1", "hash-2")).Status);
            await first.StopAsync();
        }

        await using var second = await InProcessSilo.StartAsync(ClusterId, Db);
        var again = second.Grains.GetGrain<ITenantIdentityGrain>(tenantId);

        Assert.Equal(SignInStatus.Succeeded, (await again.SignInAsync(email, Password, null)).Status);
        Assert.NotNull(await again.AuthenticateApiKeyAsync(keyId, secret));
        Assert.Equal(tenantId, await second.Grains.GetGrain<IUserDirectoryGrain>(email).FindTenantAsync());
        Assert.Contains(await again.GetSecurityLogAsync(10), e => e.Kind == "sign-in-failed" && e.UserId == userId);
        var family = second.Grains.GetGrain<IRefreshTokenGrain>($"{tenantId}/family-1");
        Assert.Equal(RefreshStatus.Reused, (await family.RotateAsync("hash-1", "hash-3")).Status); // the swapped token is remembered as swapped
    }

    [Fact]
    public async Task ClusterSilo_RefusesAnotherTenantsContext()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterId, Db);
        var tenantId = "acme-" + Guid.NewGuid().ToString("n")[..6];
        await silo.Grains.GetGrain<ITenantGrain>(tenantId).CreateAsync(new CreateTenant("Acme", "alice"));

        RequestContext.Set(Plan2RequestContext.Tenant, "intruder");
        try
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => silo.Grains.GetGrain<ITenantGrain>(tenantId).GetAsync());
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => silo.Grains.GetGrain<IKillSwitchGrain>(tenantId).SetAsync(true, Actor.User("x")));
        }
        finally
        {
            RequestContext.Remove(Plan2RequestContext.Tenant);
        }
    }
}
