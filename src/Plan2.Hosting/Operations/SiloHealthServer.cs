using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Plan2.Abstractions.Operations;
using Plan2.Grains.Operations;

namespace Plan2.Hosting.Operations;

/// <summary>
/// The silo's own HTTP health endpoint on Plan2:Health:Port (off at 0), for orchestrators that probe a
/// process rather than call grains: /health/live answers 200 until the cluster declares this silo dead;
/// /health/ready answers 200 only while the silo is active and its stores answer (503 "degraded" or
/// the silo's status otherwise). Listens on loopback when the silo advertises loopback, else on all addresses.
/// </summary>
public sealed class SiloHealthServer(HealthOptions options, Plan2Options plan2, IServiceProvider services) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Port == 0)
            return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (plan2.AdvertisedHost is "127.0.0.1" or "localhost")
                k.Listen(IPAddress.Loopback, options.Port);
            else
                k.ListenAnyIP(options.Port);
        });
        var app = builder.Build();
        app.MapGet("/health/live", () => SiloStatus() == Orleans.Runtime.SiloStatus.Dead
            ? Results.Json(new { status = "dead" }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new { status = "live", silo = SiloStatus().ToString() }));
        app.MapGet("/health/ready", () => Ready() is var report && report.IsReady
            ? Results.Json(report)
            : Results.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(cancellationToken);
        _app = app;
    }

    private ReadinessReport Ready()
    {
        var stores = services.GetService<IStoreHealthSource>()?.Current ?? [];
        var status = SiloStatus();
        return status == Orleans.Runtime.SiloStatus.Active
            ? ReadinessReport.FromStores(stores)
            : new ReadinessReport(status.ToString().ToLowerInvariant(), stores, $"The silo is {status}, not Active.");
    }

    private SiloStatus SiloStatus()
    {
        var local = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        return services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(local);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
