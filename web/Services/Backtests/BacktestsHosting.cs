using Microsoft.Extensions.DependencyInjection.Extensions;
using Plan2.Hosting.MarketData;
using Plan2.MarketData.Replay;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// The Backtests page's services. Plan2:Backtests:Folder keeps the runs ({Plan2:DataDir}/backtests by default);
/// Plan2:Backtests:DataFolder offers history files (the replay's folder, else a checkout's shared/data, by default).
/// </summary>
public static class BacktestsHosting
{
    public static void AddPlan2Backtests(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDir = configuration["Plan2:DataDir"] is { Length: > 0 } dir ? dir : MarketDataOptions.DefaultDataDir;
        var runs = configuration["Plan2:Backtests:Folder"] is { Length: > 0 } f ? f : Path.Combine(dataDir, "backtests");
        var data = configuration["Plan2:Backtests:DataFolder"] is { Length: > 0 } d ? d
            : configuration["Plan2:Replay:Folder"] is { Length: > 0 } r ? r
            : SharedHistory.Find();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new BacktestStore(runs));
        services.AddSingleton<BacktestHistory>();
        services.AddSingleton(sp => new BacktestChoices(data, dataDir, sp.GetRequiredService<BacktestHistory>()));
        services.AddSingleton<BacktestJob>();
        services.AddSingleton<BacktestService>();
        services.AddHostedService(sp => sp.GetRequiredService<BacktestService>());
    }
}
