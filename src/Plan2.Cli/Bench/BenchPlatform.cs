using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Api;
using Plan2.Hosting;

namespace Plan2.Cli.Bench;

/// <summary>
/// The embedded platform as the web host runs it (co-hosted silo, the API with its authentication, rate
/// limits and live hub), on a free loopback port with a temporary data folder and no console output (the
/// log levels the web host ships, see <see cref="ShippedLogLevels"/>), plus one
/// bare endpoint for comparison (<see cref="BarePath"/>: no authentication, no grain, the same JSON writer).
/// A bench tenant with a viewer is created through the API itself; its request quota is raised so the
/// limiter counts every request but never refuses one (the default quota would cap a benchmark at 10/s).
/// </summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    public const string BarePath = "/bench/bare";
    public const int BenchTenantRequestsPerMinute = 60_000_000; // 1,000,000 a second: above anything one node serves
    private const string AdminEmail = "bench-admin@plan2.local";
    private static readonly QuoteView BareQuote = new("EURUSD", 1_700_000_000_000, 1.10000m, 1.10010m);

    private readonly WebApplication _app;
    private readonly string _dataDir;

    private BenchPlatform(WebApplication app, string dataDir, Uri address)
    {
        _app = app;
        _dataDir = dataDir;
        Address = address;
    }

    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;
    public string ViewerToken { get; private set; } = "";

    public static async Task<BenchPlatform> StartAsync(int maxLiveConnections, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("plan2-bench-web-").FullName;
        var port = FreePort();
        var adminPassword = "Bench-" + Guid.NewGuid().ToString("n");
        // Content root in the empty data folder: the host watches its content root for appsettings changes, and the
        // folder the bench was started from (/tmp, a checkout being built) can churn enough to cost CPU mid-run.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = dataDir });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Embedded",
            ["Plan2:SiloPort"] = FreePort().ToString(),
            ["Plan2:GatewayPort"] = FreePort().ToString(),
            ["Plan2:DataDir"] = dataDir,
            ["Plan2:Bridge:Port"] = "0",
            ["Plan2:Replay:Enabled"] = "false",
            ["Plan2:Bootstrap:AdminEmail"] = AdminEmail,
            ["Plan2:Bootstrap:AdminPassword"] = adminPassword,
            ["Plan2:Api:MaxLiveConnectionsPerTenant"] = maxLiveConnections.ToString(),
        });
        builder.Logging.ClearProviders();
        ShippedLogLevels(builder.Logging);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddPlan2Silo();
        builder.AddPlan2Api();
        var app = builder.Build();
        app.MapGet(BarePath, () => BareQuote).AllowAnonymous();
        app.MapPlan2Api();
        await app.StartAsync(ct);
        var platform = new BenchPlatform(app, dataDir, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await platform.CreateBenchTenantAsync(adminPassword, ct);
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
        return platform;
    }

    /// <summary>
    /// The levels of web/appsettings.json. Clearing the providers alone did not turn logging off: the Orleans
    /// dashboard adds a provider of its own, which without levels took every Trace line, four per request.
    /// </summary>
    internal static void ShippedLogLevels(ILoggingBuilder logging)
    {
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Orleans", LogLevel.Warning);
    }

    /// <summary>Sends a quote straight to the instrument grain (the API bench reads it; the live bench goes through the bridge).</summary>
    public Task PublishQuoteAsync(string symbol, decimal bid, decimal ask) =>
        Services.GetRequiredService<IGrainFactory>().GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(
            new TickBatch(symbol, Random.Shared.NextInt64(1, long.MaxValue / 2), [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()], [(double)bid], [(double)ask], Record: false));

    private async Task CreateBenchTenantAsync(string adminPassword, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address };
        var admin = await SignInAsync(http, AdminEmail, adminPassword, ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var tenant = await Json(await http.PostAsJsonAsync("/api/tenants", new { name = "Bench " + Guid.NewGuid().ToString("n")[..6] }, ct), ct);
        var id = tenant["id"]!.GetValue<string>();
        await Json(await http.PutAsJsonAsync($"/api/tenants/{id}/settings", new
        {
            baseCurrency = "USD", maxUsers = 25, apiRequestsPerMinute = BenchTenantRequestsPerMinute, maxOpenOrders = 100, maxOrderNotional = 1_000_000m,
        }, ct), ct);
        var password = "Bench-" + Guid.NewGuid().ToString("n");
        var email = $"viewer@{id}.bench";
        await Json(await http.PostAsJsonAsync($"/api/tenants/{id}/users", new { email, password, role = "viewer" }, ct), ct);
        http.DefaultRequestHeaders.Authorization = null;
        ViewerToken = await SignInAsync(http, email, password, ct);
    }

    private static async Task<string> SignInAsync(HttpClient http, string email, string password, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await http.PostAsJsonAsync("/api/auth/sign-in", new { email, password }, ct);
            if (response.IsSuccessStatusCode)
                return (await Json(response, ct))["accessToken"]!.GetValue<string>();
            if (attempt == 50) // the bootstrap admin is created as the host starts: give it a moment
                await Json(response, ct);
            await Task.Delay(100, ct);
        }
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
