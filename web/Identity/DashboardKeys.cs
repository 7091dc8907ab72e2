using Microsoft.AspNetCore.DataProtection;
using Plan2.Hosting;
using StackExchange.Redis;

namespace Plan2.Web.Identity;

/// <summary>
/// The keys that protect the dashboard's cookies (the session, antiforgery tokens, the pending second-factor step).
/// In a cluster a load balancer may send a user to any web server, so every one must read every other's cookies:
/// the key ring lives in the cluster's Redis (ConnectionStrings:Redis), under the cluster's id. Embedded, with
/// Plan2:DataDir set, it lives there (a restart keeps sessions); otherwise ASP.NET's default place.
/// </summary>
public static class DashboardKeys
{
    public const string ApplicationName = "plan2-web";

    public static RedisKey RedisKeyOf(string clusterId) => $"plan2:{clusterId}:data-protection-keys";

    public static void AddPlan2DashboardKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetPlan2Options();
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (options.Mode == HostingMode.Cluster)
        {
            var redis = configuration.RequireConnectionString(ConnectionNames.Redis);
            var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redis));
            protection.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), RedisKeyOf(options.ClusterId));
        }
        else if (configuration[$"{Plan2Options.Section}:DataDir"] is { Length: > 0 } dataDir)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "data-protection-keys")));
        }
    }
}
