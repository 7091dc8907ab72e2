using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Plan2.ClickHouseFront;

/// <summary>
/// ClickHouse's HTTP interface in front of libchdb, on 127.0.0.1 and a free port: enough of it that
/// ClickHouse.Driver runs unchanged against the real engine (ping, queries with URL settings and
/// parameters, compressed bodies, RowBinary inserts, errors as the server reports them).
/// </summary>
public sealed class ClickHouseHttpFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpQueryHandler _handler;

    private ClickHouseHttpFront(WebApplication app, HttpQueryHandler handler, Uri baseAddress)
    {
        _app = app;
        _handler = handler;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Every statement the engine ran, when set: what the driver really sent, for diagnosis.</summary>
    public Action<string>? Trace { get => _handler.Trace; set => _handler.Trace = value; }

    /// <summary>
    /// A fault to inject, for crash tests: given a statement (an insert as the engine runs it), the error to answer
    /// instead of running it, or null to run it. Called before the statement runs, so a refused one is not stored.
    /// </summary>
    public Func<string, string?>? Refuse { get => _handler.Refuse; set => _handler.Refuse = value; }

    public static async Task<ClickHouseHttpFront> StartAsync(ChDbEngine engine, string spoolDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null; // inserts of a million rows are bigger than the 30 MB default
        });
        var app = builder.Build();
        string timezone;
        using (var tz = engine.Query("SELECT timezone()", "TabSeparatedRaw").EnsureSuccess())
            timezone = System.Text.Encoding.UTF8.GetString(tz.ToArray()).Trim();
        var handler = new HttpQueryHandler(new ChDbSession(engine), spoolDirectory, timezone);
        app.MapGet("/ping", () => Results.Text("Ok.\n"));
        app.MapGet("/", handler.HandleAsync);
        app.MapPost("/", handler.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ClickHouseHttpFront(app, handler, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
