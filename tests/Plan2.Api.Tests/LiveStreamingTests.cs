using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;
using Plan2.Abstractions.Predictions;
using Plan2.Grains;

using static Plan2.Api.Tests.PlainWebSocket;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class LiveStreamingTests(ApiFixture api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Hub_SubscribedQuotes_ArriveAsTheyArePublished()
    {
        var tenant = await api.NewTenantAsync();
        var token = (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken;
        await using var hub = Hub(token);
        var received = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonObject>("quote", q => { if (q["bid"]!.GetValue<decimal>() == 1.23456m) received.TrySetResult(q); });
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeQuotes", "gbpusd");

        await api.PublishQuoteAsync("GBPUSD", 1.23456m, 1.23470m);

        var quote = await received.Task.WaitAsync(Wait);
        Assert.Equal("GBPUSD", quote["symbol"]!.GetValue<string>());
        Assert.Equal(1.23470m, quote["ask"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Hub_SubscribedPredictions_ArriveFromThePredictorsStream()
    {
        var tenant = await api.NewTenantAsync();
        var token = (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken;
        await using var hub = Hub(token);
        var received = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonObject>("prediction", p => received.TrySetResult(p));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribePredictions", "usdchf", "M5");

        var prediction = new PredictionView("USDCHF", "M5", 1_700_000_000_000, 0.61, 1, 0.7, "trend", [], 40.0, 0.55, 10,
            new Dictionary<string, double>(), [], "v1", null, 0, 0.0);
        await api.Services.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider)
            .GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, "USDCHF/M5")).OnNextAsync(prediction);

        var message = await received.Task.WaitAsync(Wait);
        Assert.Equal(0.61, message["probabilityUp"]!.GetValue<double>());
        Assert.Equal("M5", message["timeframe"]!.GetValue<string>());
    }

    [Fact]
    public async Task WebSocket_JsonSubscribe_QuotesArrive_BadCommandsAnsweredWithAnError()
    {
        var tenant = await api.NewTenantAsync();
        var token = (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken;
        using var socket = await ConnectAsync(token);

        await SendAsync(socket, "{\"op\":\"subscribe\",\"channel\":\"quotes\",\"symbol\":\"audusd\"}");
        Assert.Equal("subscribed", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
        await SendAsync(socket, "{not json");
        Assert.Equal("error", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
        await api.PublishQuoteAsync("AUDUSD", 0.65432m, 0.65440m);

        var message = await ReceiveAsync(socket);
        Assert.Equal("quote", message["type"]!.GetValue<string>());
        Assert.Equal(0.65432m, message["data"]!["bid"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task WebSocket_WithoutToken_Refused_AndEachTenantIsCapped()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(null));

        var tenant = await api.NewTenantAsync();
        var token = (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken;
        using var first = await ConnectAsync(token);
        using var second = await ConnectAsync(token);
        var third = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(token));
        Assert.Contains("429", third.Message);

        var other = await api.NewTenantAsync();
        using var otherTenants = await ConnectAsync((await api.SignInAsync(other.Email("viewer"), other.Password)).AccessToken);
    }

    private HubConnection Hub(string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(api.Server.BaseAddress, "hubs/market"), o =>
        {
            o.Transports = HttpTransportType.LongPolling; // the in-memory test server speaks HTTP; the protocol above is the same
            o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    private Task<WebSocket> ConnectAsync(string? token) => PlainWebSocket.ConnectAsync(api, token);
}
