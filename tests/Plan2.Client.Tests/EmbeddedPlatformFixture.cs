using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;

namespace Plan2.Client.Tests;

/// <summary>
/// The embedded platform as users run it: the web host with its co-hosted silo and gateway, on free ports and a
/// temporary Plan2__DataDir. Tenants and API keys are made through the REST API as an integrator's admin would.
/// </summary>
public sealed class EmbeddedPlatformFixture : IAsyncLifetime
{
    private const string AdminEmail = "root@plan2.test";
    private readonly string _adminPassword = "Adm-" + Guid.NewGuid().ToString("n");
    private WebApplicationFactory<Program> _factory = null!;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("plan2-sdk-embedded-").FullName;
    public int GatewayPort { get; } = FreePort();
    public IGrainFactory Platform => _factory.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        // Environment variables, because the web's Program reads its configuration before the host is built.
        Environment.SetEnvironmentVariable("Plan2__DataDir", DataDir);
        Environment.SetEnvironmentVariable("Plan2__SiloPort", FreePort().ToString());
        Environment.SetEnvironmentVariable("Plan2__GatewayPort", GatewayPort.ToString());
        Environment.SetEnvironmentVariable("Plan2__Bridge__Port", "0");
        Environment.SetEnvironmentVariable("Plan2__Replay__Enabled", "false");
        Environment.SetEnvironmentVariable("Plan2__Bootstrap__AdminEmail", AdminEmail);
        _factory = new WebApplicationFactory<Program>();
        _ = _factory.Server; // starts the host
        var oneTime = (await File.ReadAllTextAsync(Path.Combine(DataDir, "admin-password"))).Trim();
        using var first = Http(await SignInAsync(AdminEmail, oneTime));
        (await first.PostAsJsonAsync("/api/me/password", new { currentPassword = oneTime, newPassword = _adminPassword })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    public Plan2ClientOptions Options(string apiKey) => new() { ApiKey = apiKey, Gateway = $"127.0.0.1:{GatewayPort}", ConnectTimeout = TimeSpan.FromSeconds(20) };

    /// <summary>A new tenant (made by the platform admin) and an API key of the role ("viewer", "trader", "tenant-admin").</summary>
    public async Task<(string Tenant, string KeyId, string Key)> NewTenantWithKeyAsync(string role)
    {
        using var admin = Http(await SignInAsync(AdminEmail, _adminPassword));
        var created = await admin.PostAsJsonAsync("/api/tenants", new { name = "Sdk " + Guid.NewGuid().ToString("n")[..8] });
        created.EnsureSuccessStatusCode();
        var tenant = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var key = await admin.PostAsJsonAsync($"/api/tenants/{tenant}/api-keys", new { name = "sdk", role });
        key.EnsureSuccessStatusCode();
        var body = (await key.Content.ReadFromJsonAsync<JsonObject>())!;
        return (tenant, body["info"]!["keyId"]!.GetValue<string>(), body["key"]!.GetValue<string>());
    }

    public async Task RevokeKeyAsync(string tenant, string keyId)
    {
        using var admin = Http(await SignInAsync(AdminEmail, _adminPassword));
        (await admin.DeleteAsync($"/api/tenants/{tenant}/api-keys/{keyId}")).EnsureSuccessStatusCode();
    }

    /// <summary>A fresh quote, as the feed would publish it (through the web's own, in-process client).</summary>
    public Task PublishQuoteAsync(string symbol, decimal bid, decimal ask) =>
        Platform.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, Random.Shared.NextInt64(1, long.MaxValue / 2),
            [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()], [(double)bid], [(double)ask], Record: false));

    private async Task<string> SignInAsync(string email, string password)
    {
        using var client = _factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private HttpClient Http(string accessToken)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedPlatformCollection : ICollectionFixture<EmbeddedPlatformFixture>
{
    public const string Name = "sdk-embedded";
}
