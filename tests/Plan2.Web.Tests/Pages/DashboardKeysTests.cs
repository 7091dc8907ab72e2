using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Web.Identity;
using StackExchange.Redis;

namespace Plan2.Web.Tests.Pages;

/// <summary>Cookies of a cluster's dashboard: any web server reads what another protected, the key ring kept in the cluster's Redis.</summary>
public sealed class DashboardKeysTests
{
    private static string Redis => Environment.GetEnvironmentVariable("PLAN2_TEST_REDIS") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("PLAN2_TEST_REDIS is not set: run the tests with ./test.sh, which starts Redis.");

    /// <summary>A web server's services as far as its keys go: a cluster member with the cluster's Redis.</summary>
    private static ServiceProvider WebServer(string clusterId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Cluster", ["Plan2:ClusterId"] = clusterId, ["ConnectionStrings:Redis"] = Redis,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPlan2DashboardKeys(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task ACookieProtectedByOneWebServer_IsReadByAnother_WithTheKeyRingInRedis()
    {
        var clusterId = "keys-" + Guid.NewGuid().ToString("n")[..8];
        using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        try
        {
            await using var first = WebServer(clusterId);
            await using var second = WebServer(clusterId);
            var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Protect("tina@t1");

            Assert.Equal("tina@t1", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(cookie));
            Assert.True(await redis.GetDatabase().ListLengthAsync(DashboardKeys.RedisKeyOf(clusterId)) > 0, "no key in the cluster's Redis");

            // Another cluster on the same Redis has its own ring: it cannot read this one's cookies.
            await using var stranger = WebServer(clusterId + "-other");
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
                () => stranger.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(cookie));
        }
        finally
        {
            await redis.GetDatabase().KeyDeleteAsync([DashboardKeys.RedisKeyOf(clusterId), DashboardKeys.RedisKeyOf(clusterId + "-other")]);
        }
    }
}
