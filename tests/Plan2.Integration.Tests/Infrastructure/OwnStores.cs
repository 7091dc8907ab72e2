using System.Diagnostics;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL and a Redis of this test's own (own ports, own data dirs under /tmp), so that it can
/// stop and start them without touching the shared services other tests use. Removed on dispose.
/// </summary>
public sealed class OwnStores : IAsyncDisposable
{
    private static readonly string PgBin = Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin")).Last();
    private readonly string _dir = Directory.CreateTempSubdirectory("plan2-own-stores-").FullName;
    private readonly int _pgPort = FreePort.Next();
    private readonly int _redisPort = FreePort.Next();

    private OwnStores() { }

    public string Postgres => $"Host=127.0.0.1;Port={_pgPort};Username=postgres;Database=postgres;Timeout=3;Command Timeout=5";
    public string Redis => $"127.0.0.1:{_redisPort},abortConnect=false,connectTimeout=2000";

    private string PgData => Path.Combine(_dir, "pg");
    private string RedisDir => Path.Combine(_dir, "redis");

    public static async Task<OwnStores> StartAsync()
    {
        var stores = new OwnStores();
        Directory.CreateDirectory(stores.PgData);
        Directory.CreateDirectory(stores.RedisDir);
        await RunAsync("chmod", $"755 {stores._dir}"); // postgres must traverse it
        await RunAsync("chown", $"postgres:postgres {stores.PgData}");
        await RunAsync("su", $"postgres -c \"{PgBin}/initdb -D {stores.PgData} -U postgres --auth=trust -E UTF8\"");
        await stores.StartPostgresAsync();
        await stores.StartRedisAsync();
        return stores;
    }

    public Task StartPostgresAsync() => RunAsync("su",
        $"postgres -c \"{PgBin}/pg_ctl -D {PgData} -l {PgData}/log -w start -o '-p {_pgPort} -k {PgData} -c listen_addresses=127.0.0.1 -c fsync=off'\"");

    /// <summary>A fast shutdown: sessions are told the server is going down (57P01), as in a real restart.</summary>
    public Task StopPostgresAsync() => RunAsync("su", $"postgres -c \"{PgBin}/pg_ctl -D {PgData} -m fast -w stop\"");

    /// <summary>With its append-only file, so the membership hash survives the restart (dotnet/orleans#7784).</summary>
    public async Task StartRedisAsync()
    {
        await RunAsync("redis-server", $"--port {_redisPort} --bind 127.0.0.1 --dir {RedisDir} --appendonly yes --daemonize yes " +
                                       $"--pidfile {RedisDir}/redis.pid --logfile {RedisDir}/redis.log");
        for (var i = 0; i < 50 && !(await TryRunAsync("redis-cli", $"-p {_redisPort} ping")).Contains("PONG"); i++)
            await Task.Delay(100);
    }

    public Task StopRedisAsync() => RunAsync("redis-cli", $"-p {_redisPort} shutdown");

    private static async Task RunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {args} failed ({process.ExitCode}): {await output} {await error}");
    }

    private static async Task<string> TryRunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopRedisAsync(); } catch (InvalidOperationException) { }
        try { await StopPostgresAsync(); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
