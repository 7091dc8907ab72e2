using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Hosting;
using Plan2.Tests.Shared;

namespace Plan2.Client.Tests;

/// <summary>
/// The SDK finding a cluster-mode silo through Redis membership (real Redis and PostgreSQL, as test.sh starts
/// them), with the silo requiring an API key from every gateway client; the grant key lives in PostgreSQL.
/// </summary>
public sealed class RedisClusterTests
{
    [Fact]
    public async Task ThroughRedis_TraderKey_PlacesAnOrderThatFills_AndAKeylessClientIsRefused()
    {
        var clusterId = "sdk-" + Guid.NewGuid().ToString("n")[..10];
        var postgres = await CreateDatabaseAsync();
        using var silo = await StartClusterSiloAsync(clusterId, postgres);
        try
        {
            var platform = silo.Services.GetRequiredService<IGrainFactory>();
            await platform.GetGrain<ITenantGrain>("acme").CreateAsync(new CreateTenant("Acme", "alice"));
            await platform.GetGrain<IAccountGrain>("acme/main").OpenAsync(new OpenAccount("USD", PositionMode.Netting, 10_000m, Actor.User("alice")));
            var admin = await platform.GetGrain<ITenantIdentityGrain>("acme").RegisterUserAsync(new NewUser("admin@acme.test", "a long enough password", UserRole.Admin));
            var key = (await platform.GetGrain<ITenantIdentityGrain>("acme").CreateApiKeyAsync("sdk", UserRole.Trader, admin.UserId)).Key;
            await platform.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", 1,
                [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()], [1.10000], [1.10010], Record: false));

            await using var client = await Plan2Client.ConnectAsync(new Plan2ClientOptions
            {
                ApiKey = key, Redis = Redis, ClusterId = clusterId, ServiceId = clusterId, ConnectTimeout = TimeSpan.FromSeconds(20),
            });
            var outcome = await client.PlaceOrderAsync(new NewOrder("redis-1", "EURUSD", TradeSide.Buy, 0.1m));
            var order = await client.WaitForOrderClosedAsync("redis-1", TimeSpan.FromSeconds(10));

            Assert.False(outcome.IsRefused, outcome.Message);
            Assert.Equal((OrderState.Filled, 1.10010m), (order.State, order.AverageFillPrice));
            Assert.Single(await client.GetPositionsAsync());
            // The same gateway, no grant: refused, as Plan2__GatewayRequiresApiKey asks.
            RequestContext.Set(Plan2RequestContext.Tenant, "acme");
            try
            {
                await GrantRefusals.AssertAsync(ClientGrantRefusal.GrantRequired, () => RawGrains(client).GetAsync());
            }
            finally
            {
                RequestContext.Clear();
            }
        }
        finally
        {
            await silo.StopAsync();
            await DropDatabaseAsync(postgres);
        }
    }

    /// <summary>The account through the SDK's Orleans client with its grant stripped: a keyless client's call.</summary>
    private static IAccountGrain RawGrains(Plan2Client client)
    {
        var field = typeof(Plan2Client).GetField("_grant", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        ((GrantHolder)field.GetValue(client)!).Session = null;
        return client.Cluster.GetGrain<IAccountGrain>("acme/main");
    }

    private static async Task<IHost> StartClusterSiloAsync(string clusterId, string postgres)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Cluster",
            ["Plan2:ClusterId"] = clusterId,
            ["Plan2:ServiceId"] = clusterId,
            ["Plan2:SiloPort"] = FreePort().ToString(),
            ["Plan2:GatewayPort"] = FreePort().ToString(),
            ["Plan2:GatewayRequiresApiKey"] = "true",
            ["ConnectionStrings:Redis"] = Redis,
            ["ConnectionStrings:Postgres"] = postgres,
            ["Plan2:DataDir"] = TestFolders.Create("plan2-sdk-silo-"),
            ["Plan2:Bridge:Port"] = "0",
            ["Plan2:Replay:Enabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlan2Silo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static string Redis => Require("PLAN2_TEST_REDIS");
    private static string Postgres => Require("PLAN2_TEST_POSTGRES");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts PostgreSQL and Redis.");

    private static async Task<string> CreateDatabaseAsync()
    {
        var name = "plan2_sdk_" + Guid.NewGuid().ToString("n")[..12];
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
