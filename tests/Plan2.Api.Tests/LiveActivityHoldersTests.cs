using System.Net.Http.Json;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.Trading;
using Plan2.Api.Streaming;

using static Plan2.Api.Tests.PlainWebSocket;

namespace Plan2.Api.Tests;

/// <summary>
/// A tenant's activity feed in this web process is held per connection: one connection closing leaves the feed of
/// another that still watches, a holder let go twice counts once, and the last one leaving ends the feed.
/// </summary>
[Collection(ApiCollection.Name)]
public class LiveActivityHoldersTests(ApiFixture api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private LiveActivity Activity => api.Services.GetRequiredService<LiveActivity>();

    [Fact]
    public async Task OneConnectionClosing_KeepsTheOthersFeed_TheLastOneEndsIt()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        var first = await ConnectAsync(tenant);
        using var second = await ConnectAsync(tenant);
        foreach (var (socket, channel) in new[] { (first, "orders"), (first, "risk"), (second, "orders") })
        {
            await SendAsync(socket, $"{{\"op\":\"subscribe\",\"channel\":\"{channel}\"}}");
            Assert.Equal("subscribed", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
        }
        Assert.Equal(2, Activity.Holders(tenant.Id)); // connections, not subscriptions

        Activity.Release(tenant.Id, "never-held"); // an unknown holder, let go twice: nothing changes
        Activity.Release(tenant.Id, "never-held");
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        first.Dispose();
        await UntilAsync(() => Activity.Holders(tenant.Id) == 1);

        await PlaceAsync(tenant, "after-first-left");
        while (true)
        {
            var message = await ReceiveAsync(second);
            if (message["type"]!.GetValue<string>() == "order" && message["data"]!["clientOrderId"]!.GetValue<string>() == "after-first-left")
                break;
        }

        var reached = 0;
        void Count(string owner, OrderView _) { if (owner == tenant.Id) Interlocked.Increment(ref reached); }
        await SendAsync(second, "{\"op\":\"unsubscribe\",\"channel\":\"orders\"}"); // its last channel: it lets go
        Assert.Equal("unsubscribed", (await ReceiveAsync(second))["type"]!.GetValue<string>());
        Assert.Equal(0, Activity.Holders(tenant.Id));
        Activity.Order += Count;
        try
        {
            await PlaceAsync(tenant, "nobody-watches");
            await Task.Delay(TimeSpan.FromSeconds(2)); // time for a push that should not come
            Assert.Equal(0, Volatile.Read(ref reached));
        }
        finally
        {
            Activity.Order -= Count;
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }

    private async Task PlaceAsync(TestTenant tenant, string clientOrderId)
    {
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        using var placed = await trader.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.1m, type = "market", clientOrderId });
        placed.EnsureSuccessStatusCode(); // an order that never went in would make "nothing arrives" pass for nothing
    }

    private async Task<WebSocket> ConnectAsync(TestTenant tenant) =>
        await PlainWebSocket.ConnectAsync(api, (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);
}
