using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Hosting;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// An Orleans client of the cluster built exactly as the web builds its own (AddPlan2Client): the same
/// membership lookup, gateway refresh, timeouts and retries, so what the fault tests measure is what users get.
/// </summary>
public sealed class PlatformClient : IAsyncDisposable
{
    private readonly IHost _host;

    private PlatformClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <param name="services">Adds to the client's services (a test's stand-in for the network, say).</param>
    public static async Task<PlatformClient> ConnectAsync(string clusterId, string redis, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Cluster",
            ["Plan2:ClusterId"] = clusterId,
            ["Plan2:ServiceId"] = clusterId,
            ["ConnectionStrings:Redis"] = redis,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlan2Client();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new PlatformClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
        _host.Dispose();
    }
}
