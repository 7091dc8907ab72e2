using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Grains.Operations;

namespace Plan2.Hosting.Operations;

public static class OperationsHosting
{
    /// <summary>
    /// A silo's operations side: store errors translated at the grain boundary; log scopes naming the grain
    /// and tenant of each call; in a cluster the stores checked in the background (readiness, degraded
    /// flag); the HTTP health port when Plan2:Health:Port is set; OpenTelemetry when OTLP is configured.
    /// </summary>
    public static void AddPlan2Operations(this IHostApplicationBuilder builder, Plan2Options options)
    {
        var health = builder.Configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        builder.Services.AddSingleton(health);
        builder.Services.AddSingleton<IIncomingGrainCallFilter, GrainLogScopeFilter>(); // first: the outer one, so the next logs in its scope
        builder.Services.AddSingleton<IIncomingGrainCallFilter, StoreErrorFilter>();
        builder.AddPlan2Telemetry();
        if (options.Mode == HostingMode.Cluster)
        {
            var postgres = builder.Configuration.RequireConnectionString(ConnectionNames.Postgres);
            var redis = builder.Configuration.RequireConnectionString(ConnectionNames.Redis);
            builder.Services.AddSingleton(sp => new StoreHealthMonitor(postgres, redis, health,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StoreHealthMonitor>>()));
            builder.Services.AddSingleton<IStoreHealthSource>(sp => sp.GetRequiredService<StoreHealthMonitor>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreHealthMonitor>());
        }
        builder.Services.AddHostedService<SiloHealthServer>();
    }
}
