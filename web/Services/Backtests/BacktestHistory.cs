using Plan2.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.Ticks;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// The stored history a backtest may read: the co-hosted silo's tick store in embedded mode, ClickHouse
/// (ConnectionStrings:ClickHouse) in a cluster; none when the web is a cluster client without ClickHouse
/// (each silo's DuckDB file belongs to that silo).
/// </summary>
public sealed class BacktestHistory(IServiceProvider services, IConfiguration configuration) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private ClickHouseTickStore? _own;

    public ITickStore? Store
    {
        get
        {
            if (services.GetService<TickStoreService>() is { } silo)
                return silo.Store;
            if (configuration.GetConnectionString(ConnectionNames.ClickHouse) is not { Length: > 0 } clickHouse)
                return null;
            lock (_gate)
                return _own ??= new ClickHouseTickStore(clickHouse);
        }
    }

    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
