using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Plan2.Grains.MarketData;

namespace Plan2.Hosting.MarketData;

public static class MarketDataHosting
{
    /// <summary>The tick store the silo's instruments record into; registered before Orleans so it opens first.</summary>
    public static IHostApplicationBuilder AddPlan2MarketDataStore(this IHostApplicationBuilder builder, Plan2Options silo)
    {
        var options = new MarketDataOptions
        {
            ClickHouse = builder.Configuration.GetConnectionString(ConnectionNames.ClickHouse),
            DataDir = MarketDataOptions.SiloDataDir(builder.Configuration["Plan2:DataDir"], silo),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<TickStoreService>();
        builder.Services.AddSingleton<ITickRecorder>(sp => sp.GetRequiredService<TickStoreService>());
        builder.Services.AddSingleton<IInstrumentHistory>(sp => sp.GetRequiredService<TickStoreService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TickStoreService>());
        return builder;
    }

    /// <summary>
    /// The feeds: the MT5 bridge server, the replay (embedded default; Plan2:Replay:Enabled), and their
    /// health reports. Registered after Orleans, so they start once the silo accepts grain calls.
    /// </summary>
    public static IHostApplicationBuilder AddPlan2MarketFeeds(this IHostApplicationBuilder builder, HostingMode mode)
    {
        var replay = builder.Configuration.GetSection("Plan2:Replay").Get<ReplayOptions>() ?? new ReplayOptions();
        builder.Services.AddSingleton(replay);
        builder.Services.AddSingleton<Trading.Mt5TerminalLink>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Trading.Mt5TerminalLink>());
        builder.Services.AddSingleton<GrainBridgeSink>();
        builder.Services.AddSingleton<BridgeService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BridgeService>());
        builder.Services.AddSingleton<ReplayFeedService>();
        if (replay.Enabled ?? mode == HostingMode.Embedded)
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplayFeedService>());
        builder.Services.AddHostedService<FeedHealthReporter>();
        return builder;
    }
}
