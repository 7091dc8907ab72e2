using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// Hosts the MT5 bridge server in the silo. Its token comes from Plan2:Bridge:AuthToken or, when
/// unset, is generated once and kept in {DataDir}/bridge-token (no secret in the repo).
/// </summary>
public sealed class BridgeService(IConfiguration configuration, MarketDataOptions data, Plan2Options silo, GrainBridgeSink sink,
    ILoggerFactory loggers, TimeProvider clock) : IHostedService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BridgeServer? _server;

    public BridgeServer Server => _server ?? throw new InvalidOperationException("The bridge is not started.");
    public string Token { get; private set; } = "";

    /// <summary>Completes once the server listens (the replay feed waits for it).</summary>
    public Task Started => _started.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(BridgeServerOptions.SectionName).Get<BridgeServerOptions>() ?? new BridgeServerOptions();
        if (configuration[$"{BridgeServerOptions.SectionName}:Port"] is not { Length: > 0 })
            options.Port = DefaultPort(silo);
        if (string.IsNullOrEmpty(options.AuthToken))
            options.AuthToken = LoadOrCreateToken(Path.Combine(data.DataDir, "bridge-token"));
        Token = options.AuthToken;
        _server = new BridgeServer(options, sink, loggers.CreateLogger<BridgeServer>(), clock);
        await _server.StartAsync(cancellationToken);
        loggers.CreateLogger<BridgeService>().LogInformation(
            "MT5 bridge listening on {EndPoint}; token from {Source}", _server.LocalEndPoint,
            configuration[$"{BridgeServerOptions.SectionName}:AuthToken"] is { Length: > 0 } ? "configuration" : Path.Combine(data.DataDir, "bridge-token"));
        _started.TrySetResult();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
            await _server.StopAsync(cancellationToken);
    }

    /// <summary>
    /// 5710 embedded. A cluster silo: 5710 + (SiloPort − 11111), so the silos of the README's recipe
    /// (11111, 11112) listen on 5710 and 5711 instead of fighting over one port. Plan2:Bridge:Port wins.
    /// </summary>
    public static int DefaultPort(Plan2Options silo)
    {
        const int first = 5710;
        if (silo.Mode != HostingMode.Cluster)
            return first;
        var port = first + (silo.SiloPort - new Plan2Options().SiloPort);
        return port is > 0 and <= 65535 ? port
            : throw new InvalidOperationException($"Silo port {silo.SiloPort} gives no bridge port by default: set Plan2__Bridge__Port.");
    }

    private static string LoadOrCreateToken(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
            return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
