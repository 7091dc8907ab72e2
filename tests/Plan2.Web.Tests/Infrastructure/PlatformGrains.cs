using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>An Orleans client on the embedded platform's gateway, for what a test must do as the platform's own parts do.</summary>
public sealed class PlatformGrains : IAsyncDisposable
{
    private readonly IHost _host;

    private PlatformGrains(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<PlatformGrains> ConnectAsync(EmbeddedPlatform platform)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The embedded silo's cluster and service ids are Plan2Options' defaults ("plan2").
        builder.UseOrleansClient(c => c.UseLocalhostClustering(platform.GatewayPort, "plan2", "plan2"));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new PlatformGrains(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
    }
}
