using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;

namespace Plan2.Api.Tests;

/// <summary>
/// One embedded platform (web host + co-hosted silo, real grains, memory state) for the API tests, on
/// free ports and a temporary Plan2__DataDir. No admin password is configured, so the platform generates
/// a one-time one as it would on a first start; the fixture signs in with it and chooses a new one.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string AdminEmail = "root@plan2.test";
    private WebApplicationFactory<Program> _factory = null!;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("plan2-api-tests-").FullName;
    public string AdminPassword { get; } = "Adm-" + Guid.NewGuid().ToString("n");
    public string OneTimePassword { get; private set; } = "";
    public IServiceProvider Services => _factory.Services;
    public Microsoft.AspNetCore.TestHost.TestServer Server => _factory.Server;
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The path of every request whose dashboard session cookie was read and validated.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CookieReads { get; } = new();

    public async Task InitializeAsync()
    {
        // Environment variables, because Program reads its configuration before the host is built.
        Set("Plan2__DataDir", DataDir);
        Set("Plan2__SiloPort", FreePort().ToString());
        Set("Plan2__GatewayPort", FreePort().ToString());
        Set("Plan2__Bridge__Port", "0");
        Set("Plan2__Replay__Enabled", "false");
        Set("Plan2__Bootstrap__AdminEmail", AdminEmail);
        Set("Plan2__Api__SignInsPerMinutePerAddress", "100000");
        Set("Plan2__Api__MaxLiveConnectionsPerTenant", "2");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.ConfigureServices(services =>
            {
                services.AddSingleton<IIncomingGrainCallFilter, FailingSubscriptions>();
                // Which requests read the dashboard's session cookie (DashboardCookieScopeTests).
                services.PostConfigure<CookieAuthenticationOptions>(Plan2.Web.Identity.DashboardAuth.Scheme, o =>
                {
                    var check = o.Events.OnValidatePrincipal;
                    o.Events.OnValidatePrincipal = c =>
                    {
                        CookieReads.Enqueue(c.Request.Path.Value ?? "");
                        return check(c);
                    };
                });
            }));
        _ = _factory.Server; // starts the host
        OneTimePassword = (await File.ReadAllTextAsync(Path.Combine(DataDir, "admin-password"))).Trim();
        var first = await SignInAsync(AdminEmail, OneTimePassword);
        using var client = Client(first.AccessToken);
        var changed = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = OneTimePassword, newPassword = AdminPassword });
        changed.EnsureSuccessStatusCode();
        await PublishQuoteAsync("EURUSD", 1.10000m, 1.10010m);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    public HttpClient Client(string? accessToken = null)
    {
        var client = _factory.CreateClient();
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public HttpClient ApiKeyClient(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<Tokens> SignInAsync(string email, string password, string? code = null)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password, code });
        Assert.True(response.IsSuccessStatusCode, $"sign-in {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public Task<Tokens> SignInAdminAsync() => SignInAsync(AdminEmail, AdminPassword);

    /// <summary>A new tenant (created by the platform admin) with a user of each role; passwords random.</summary>
    public async Task<TestTenant> NewTenantAsync(int? requestsPerMinute = null)
    {
        var admin = await SignInAdminAsync();
        using var client = Client(admin.AccessToken);
        var created = await client.PostAsJsonAsync("/api/tenants", new { name = "Tenant " + Guid.NewGuid().ToString("n")[..8] });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        if (requestsPerMinute is { } perMinute)
            (await client.PutAsJsonAsync($"/api/tenants/{id}/settings", new { baseCurrency = "USD", maxUsers = 25, apiRequestsPerMinute = perMinute, maxOpenOrders = 100, maxOrderNotional = 1_000_000m }))
                .EnsureSuccessStatusCode();
        var tenant = new TestTenant(id, "Pw-" + Guid.NewGuid().ToString("n"));
        foreach (var role in new[] { "tenant-admin", "trader", "viewer" })
            (await client.PostAsJsonAsync($"/api/tenants/{id}/users", new { email = tenant.Email(role), password = tenant.Password, role })).EnsureSuccessStatusCode();
        return tenant;
    }

    /// <summary>Opens an account as the tenant's admin (and registers it with the tenant).</summary>
    public async Task OpenAccountAsync(TestTenant tenant, string accountId)
    {
        using var client = Client((await SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var response = await client.PostAsJsonAsync("/api/accounts", new { accountId, currency = "USD", mode = "netting", deposit = 100_000m });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await PublishQuoteAsync("EURUSD", 1.10000m, 1.10010m); // fresh, so risk does not find the quote stale
    }

    public async Task PublishQuoteAsync(string symbol, decimal bid, decimal ask) =>
        await Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(
            new TickBatch(symbol, Random.Shared.NextInt64(1, long.MaxValue / 2), [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()], [(double)bid], [(double)ask], Record: false));

    private static void Set(string name, string value) => Environment.SetEnvironmentVariable(name, value);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The silo's answer to a subscription (an instrument's observer, a stream's consumer) whose grain key names
/// <see cref="Symbol"/> while <see cref="Failing"/>: an exception, as a grain that failed would give.
/// </summary>
public sealed class FailingSubscriptions : IIncomingGrainCallFilter
{
    public const string Symbol = "FAILSUB";
    public static volatile bool Failing = true;

    public Task Invoke(IIncomingGrainCallContext context) =>
        Failing && context.InterfaceMethod.Name is "SubscribeAsync" or "RegisterConsumer" && context.TargetId.Key.ToString()!.Contains(Symbol, StringComparison.Ordinal)
            ? throw new InvalidOperationException($"{Symbol} cannot be subscribed to (a test's failing grain).")
            : context.Invoke();
}

public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn, bool PasswordChangeRequired);

public sealed record TestTenant(string Id, string Password)
{
    public string Email(string role) => $"{role}@{Id}.test";
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

internal static class ProblemAssert
{
    /// <summary>Asserts the status and that the body is an RFC 9457 problem with that status; returns it.</summary>
    public static async Task<JsonObject> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
