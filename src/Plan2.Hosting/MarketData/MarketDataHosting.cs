using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Plan2.Grains.MarketData;

namespace Plan2.Hosting.MarketData;

public static class MarketDataHosting
{
    /// <summary>The tick store the silo's instruments record into.</summary>
    public static IHostApplicationBuilder AddPlan2MarketDataStore(this IHostApplicationBuilder builder)
    {
        var options = new MarketDataOptions
        {
            ClickHouse = builder.Configuration.GetConnectionString(ConnectionNames.ClickHouse),
            DataDir = builder.Configuration["Plan2:DataDir"] is { Length: > 0 } dir ? dir : MarketDataOptions.DefaultDataDir,
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<TickStoreService>();
        builder.Services.AddSingleton<ITickRecorder>(sp => sp.GetRequiredService<TickStoreService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TickStoreService>());
        return builder;
    }
}
