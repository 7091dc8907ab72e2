using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plan2.Api.Endpoints;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Restarts;

/// <summary>
/// The web's /health endpoints (the API's own <see cref="HealthEndpoints"/>, as the web maps them) on loopback,
/// answering through a given cluster client: the web's readiness without starting the whole dashboard.
/// </summary>
internal sealed class WebHealthHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebHealthHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<WebHealthHost> StartAsync(IClusterClient client)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton<IGrainFactory>(client);
        var app = builder.Build();
        app.MapHealthEndpoints();
        await app.StartAsync();
        return new WebHealthHost(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
