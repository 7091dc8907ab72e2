using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Plan2.Abstractions.Operations;
using Plan2.Grains.Operations;
using StackExchange.Redis;

namespace Plan2.Hosting.Operations;

/// <summary>
/// Checks the cluster's stores every <see cref="HealthOptions.StoreCheckInterval"/> (PostgreSQL: a fresh
/// connection and SELECT 1; Redis: PING on a connection of its own) and keeps the latest result for
/// readiness and the dashboard. When PostgreSQL comes back it empties Npgsql's connection pools, so
/// the grain storage does not fail once more on each connection the restart broke.
/// </summary>
public sealed partial class StoreHealthMonitor(string postgres, string redis, HealthOptions options, TimeProvider clock, ILogger<StoreHealthMonitor> log)
    : BackgroundService, IStoreHealthSource
{
    private readonly string _probe = new NpgsqlConnectionStringBuilder(postgres)
    {
        Pooling = false, Timeout = Seconds(options.StoreCheckTimeout), CommandTimeout = Seconds(options.StoreCheckTimeout),
    }.ConnectionString;
    private volatile StoreStatus[] _current = [];
    private ConnectionMultiplexer? _redis;

    public IReadOnlyList<StoreStatus> Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = ConfigurationOptions.Parse(redis);
        config.AbortOnConnectFail = false; // keep reconnecting in the background while Redis is away
        config.ConnectTimeout = (int)options.StoreCheckTimeout.TotalMilliseconds;
        _redis = await ConnectionMultiplexer.ConnectAsync(config);
        using var timer = new PeriodicTimer(options.StoreCheckInterval, clock);
        do
        {
            var checks = await Task.WhenAll(CheckAsync(StoreErrors.Postgres, PingPostgresAsync), CheckAsync(StoreErrors.Redis, PingRedisAsync));
            _current = checks;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<StoreStatus> CheckAsync(string store, Func<CancellationToken, Task> ping)
    {
        var previous = _current.FirstOrDefault(s => s.Store == store);
        var now = clock.GetUtcNow();
        string? error = null;
        try
        {
            using var timeout = new CancellationTokenSource(options.StoreCheckTimeout);
            await ping(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or RedisException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            error = e.Message;
        }
        var reachable = error is null;
        var changed = previous is null || previous.Reachable != reachable;
        if (changed && previous is not null)
            Transition(store, reachable, now - previous.Since, error);
        if (changed && reachable && store == StoreErrors.Postgres && previous is not null)
            NpgsqlConnection.ClearAllPools();
        return new StoreStatus(store, reachable, now, changed ? now : previous!.Since, error);
    }

    private void Transition(string store, bool reachable, TimeSpan after, string? error)
    {
        if (reachable)
            LogBack(store, after.TotalSeconds);
        else
            LogLost(store, error);
    }

    private async Task PingPostgresAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_probe);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT 1", connection);
        await cmd.ExecuteScalarAsync(ct);
    }

    private async Task PingRedisAsync(CancellationToken ct) => await _redis!.GetDatabase().PingAsync().WaitAsync(ct);

    private static int Seconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds));

    public override void Dispose()
    {
        _redis?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Store} is unreachable: the platform is degraded ({Error})")]
    private partial void LogLost(string store, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Store} is reachable again after {Seconds:0.0} s")]
    private partial void LogBack(string store, double seconds);
}
