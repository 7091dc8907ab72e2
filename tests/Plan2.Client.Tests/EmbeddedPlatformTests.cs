using Plan2.Abstractions.Identity;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Client.Tests;

/// <summary>The SDK against the embedded platform's gateway (Plan2__GatewayPort), with keys made through the REST API.</summary>
[Collection(EmbeddedPlatformCollection.Name)]
public sealed class EmbeddedPlatformTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task AdminKey_OpensAccount_PlacesPaperOrder_SeesFillPositionAndQuotes()
    {
        var (tenant, _, key) = await platform.NewTenantWithKeyAsync("tenant-admin");
        await using var client = await Plan2Client.ConnectAsync(platform.Options(key));
        await client.OpenAccountAsync("main", "USD", 50_000m);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var quotes = client.QuotesAsync("USDCHF", stop.Token).GetAsyncEnumerator(stop.Token);
        var next = quotes.MoveNextAsync().AsTask();
        for (var i = 0; !next.IsCompleted && i < 100; i++)
        {
            await platform.PublishQuoteAsync("USDCHF", 0.90000m, 0.90020m);
            await Task.WhenAny(next, Task.Delay(50));
        }
        Assert.True(await next);

        var placed = await client.PlaceOrderAsync(new NewOrder("sdk-1", "USDCHF", TradeSide.Sell, 0.1m));
        var order = await client.WaitForOrderClosedAsync("sdk-1", TimeSpan.FromSeconds(10));
        var account = (await client.GetAccountAsync())!;

        Assert.Equal((tenant, UserRole.Admin), (client.TenantId, client.Role));
        Assert.Equal((0.90000m, 0.90020m), (quotes.Current.Bid, quotes.Current.Ask));
        Assert.False(placed.IsRefused, placed.Message);
        Assert.Equal((OrderState.Filled, 0.90000m), (order.State, order.AverageFillPrice));
        var position = Assert.Single(account.Positions);
        Assert.Equal(("USDCHF", TradeSide.Sell, 0.1m), (position.Symbol, position.Side, position.Quantity));
        Assert.NotNull(account.UnrealizedPnl);
    }

    [Fact]
    public async Task RevokedKey_IsRefused_AndAnotherTenantsAccountToo()
    {
        var (victim, _, _) = await platform.NewTenantWithKeyAsync("tenant-admin");
        var (tenant, keyId, key) = await platform.NewTenantWithKeyAsync("trader");
        await using (var client = await Plan2Client.ConnectAsync(platform.Options(key)))
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.Cluster.GetGrain<IAccountGrain>($"{victim}/main").GetAsync());

        await platform.RevokeKeyAsync(tenant, keyId);

        await Assert.ThrowsAsync<ApiKeyRejectedException>(() => Plan2Client.ConnectAsync(platform.Options(key)));
    }

    [Fact]
    public async Task PlainOrleansClient_OnTheEmbeddedGateway_IsRefused()
    {
        var (tenant, _, _) = await platform.NewTenantWithKeyAsync("tenant-admin");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(c =>
        {
            c.Configure<ClusterOptions>(o => { o.ClusterId = "plan2"; o.ServiceId = "plan2"; });
            c.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, platform.GatewayPort));
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var raw = host.Services.GetRequiredService<IClusterClient>();
            await GrantRefusals.AssertAsync(ClientGrantRefusal.GrantRequired, () => raw.GetGrain<ITenantGrain>(tenant).GetAsync());
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
