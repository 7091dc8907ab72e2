using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Hosting;
using Plan2.Tests.Shared;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>
/// A cluster-mode silo built by the same AddPlan2Silo the silo process uses, in this process:
/// Redis membership and PostgreSQL state, on free loopback ports.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host, int gatewayPort)
    {
        _host = host;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }
    public IServiceProvider Services => _host.Services;
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync(string clusterId, string postgres, string? redis = null, IDictionary<string, string?>? settings = null)
    {
        var gatewayPort = FreePort.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Cluster",
            ["Plan2:ClusterId"] = clusterId,
            ["Plan2:ServiceId"] = clusterId,
            ["Plan2:SiloPort"] = FreePort.Next().ToString(),
            ["Plan2:GatewayPort"] = gatewayPort.ToString(),
            ["ConnectionStrings:Redis"] = redis ?? TestServices.Redis,
            ["ConnectionStrings:Postgres"] = postgres,
            ["Plan2:DataDir"] = TestFolders.Create("plan2-silo-"),
            ["Plan2:Bridge:Port"] = "0",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlan2Silo();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host, gatewayPort);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(10)); } catch (ObjectDisposedException) { }
        _host.Dispose();
    }
}
