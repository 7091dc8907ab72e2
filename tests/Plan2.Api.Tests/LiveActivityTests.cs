using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Trading;

using static Plan2.Api.Tests.PlainWebSocket;

namespace Plan2.Api.Tests;

/// <summary>Order changes and risk alerts on /hubs/market and /ws: the tenant's own viewers see them, another tenant never does.</summary>
[Collection(ApiCollection.Name)]
public class LiveActivityTests(ApiFixture api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Hub_ViewerSeesOwnOrdersAndRiskRefusal_OtherTenantSeesOnlyItsOwn()
    {
        var a = await api.NewTenantAsync();
        var b = await api.NewTenantAsync();
        await api.OpenAccountAsync(a, "main");
        await api.OpenAccountAsync(b, "main");
        await using var aHub = await WatchAsync(a);
        await using var bHub = await WatchAsync(b);

        await PlaceAsync(a, "filled-1", 0.1m);
        await PlaceAsync(a, "too-big", 50m); // over the default 10 lots: risk denies it

        var filled = await aHub.NextAsync("order", o => o["clientOrderId"]!.GetValue<string>() == "filled-1" && o["state"]!.GetValue<string>() == "Filled");
        Assert.Equal("EURUSD", filled["symbol"]!.GetValue<string>());
        var denied = await aHub.NextAsync("order", o => o["clientOrderId"]!.GetValue<string>() == "too-big");
        Assert.Equal("Denied", denied["state"]!.GetValue<string>());
        var alert = await aHub.NextAsync("riskAlert", _ => true);
        Assert.Equal("MaxOrderSize", alert["code"]!.GetValue<string>());
        Assert.Equal("too-big", alert["clientOrderId"]!.GetValue<string>());
        Assert.Equal("main", alert["accountId"]!.GetValue<string>());

        // B's own order reaches B after A's were delivered: had A's leaked to B, they would be there before it.
        await PlaceAsync(b, "b-only", 0.1m);
        await bHub.NextAsync("order", o => o["clientOrderId"]!.GetValue<string>() == "b-only");
        Assert.All(bHub.Received, m => Assert.Equal("b-only", m.Body["clientOrderId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WebSocket_ViewerSubscribesOrdersAndRisk_OtherTenantSeesNothingOfIt()
    {
        var a = await api.NewTenantAsync();
        var b = await api.NewTenantAsync();
        await api.OpenAccountAsync(a, "main");
        using var aSocket = await ConnectAsync(a);
        using var bSocket = await ConnectAsync(b);
        foreach (var socket in new[] { aSocket, bSocket })
            foreach (var channel in new[] { "orders", "risk" })
            {
                await SendAsync(socket, $"{{\"op\":\"subscribe\",\"channel\":\"{channel}\"}}");
                Assert.Equal("subscribed", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
            }

        await PlaceAsync(a, "ws-big", 50m);

        var seen = new List<JsonObject> { await ReceiveAsync(aSocket), await ReceiveAsync(aSocket) };
        var order = Assert.Single(seen, m => m["type"]!.GetValue<string>() == "order");
        Assert.Equal("Denied", order["data"]!["state"]!.GetValue<string>());
        var alert = Assert.Single(seen, m => m["type"]!.GetValue<string>() == "riskAlert");
        Assert.Equal("ws-big", alert["data"]!["clientOrderId"]!.GetValue<string>());
        // B's next message is the answer to its own command, not A's order.
        await SendAsync(bSocket, "{\"op\":\"unsubscribe\",\"channel\":\"orders\"}");
        Assert.Equal("unsubscribed", (await ReceiveAsync(bSocket))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ActivityGrain_RefusesASubscriptionFromAnotherTenantsContext()
    {
        var a = await api.NewTenantAsync();
        var b = await api.NewTenantAsync();
        var reference = api.Grains.CreateObjectReference<ITenantActivityObserver>(new NullObserver());
        RequestContext.Set(Plan2RequestContext.Tenant, b.Id);
        try
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => api.Grains.GetGrain<ITenantActivityGrain>(a.Id).SubscribeAsync(reference));
            await api.Grains.GetGrain<ITenantActivityGrain>(b.Id).SubscribeAsync(reference); // its own: allowed
        }
        finally
        {
            RequestContext.Remove(Plan2RequestContext.Tenant);
        }
    }

    private async Task PlaceAsync(TestTenant tenant, string clientOrderId, decimal quantity)
    {
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        await trader.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity, type = "market", clientOrderId });
    }

    private async Task<Watcher> WatchAsync(TestTenant tenant)
    {
        var token = (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, "hubs/market"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var watcher = new Watcher(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeOrders");
        await hub.InvokeAsync("SubscribeRiskAlerts");
        return watcher;
    }

    private sealed class Watcher : IAsyncDisposable
    {
        private readonly HubConnection _hub;
        private readonly SemaphoreSlim _arrived = new(0);

        public Watcher(HubConnection hub)
        {
            _hub = hub;
            foreach (var kind in new[] { "order", "riskAlert" })
                hub.On<JsonObject>(kind, body =>
                {
                    Received.Enqueue((kind, body));
                    _arrived.Release();
                });
        }

        public ConcurrentQueue<(string Kind, JsonObject Body)> Received { get; } = new();

        /// <summary>The first message of the kind that matches, waiting for it to arrive.</summary>
        public async Task<JsonObject> NextAsync(string kind, Func<JsonObject, bool> match)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (true)
            {
                if (Received.FirstOrDefault(m => m.Kind == kind && match(m.Body)) is { Body: not null } found)
                    return found.Body;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                    throw new TimeoutException($"No matching '{kind}' arrived; got {string.Join(", ", Received.Select(m => m.Kind + " " + m.Body.ToJsonString()))}");
            }
        }

        public ValueTask DisposeAsync() => _hub.DisposeAsync();
    }

    private sealed class NullObserver : ITenantActivityObserver
    {
        public Task OnOrderAsync(OrderView order) => Task.CompletedTask;
        public Task OnRiskAlertAsync(RiskAlertView alert) => Task.CompletedTask;
    }

    private async Task<WebSocket> ConnectAsync(TestTenant tenant) =>
        await PlainWebSocket.ConnectAsync(api, (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);
}
