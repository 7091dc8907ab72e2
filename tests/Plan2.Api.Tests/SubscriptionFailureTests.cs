using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Api.Streaming;

using static Plan2.Api.Tests.PlainWebSocket;

namespace Plan2.Api.Tests;

/// <summary>
/// A subscription whose grain fails (<see cref="FailingSubscriptions"/>): the client is told which one and why, its
/// connection and other subscriptions go on, and the web process forgets the failure, so the same subscribe retried later works.
/// </summary>
[Collection(ApiCollection.Name)]
public class SubscriptionFailureTests(ApiFixture api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private LiveMarket Market => api.Services.GetRequiredService<LiveMarket>();

    [Fact]
    public async Task WebSocket_FailedSubscribe_IsAnErrorMessage_SocketStaysOpen_AndARetrySubscribes()
    {
        const string Symbol = FailingSubscriptions.Symbol + "WS"; // its own: a symbol subscribed once stays subscribed
        FailingSubscriptions.Failing = true;
        try
        {
            var tenant = await api.NewTenantAsync();
            using var socket = await ConnectAsync(api, (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);

            foreach (var channel in new[] { "quotes", "predictions" })
            {
                await SendAsync(socket, $"{{\"op\":\"subscribe\",\"channel\":\"{channel}\",\"symbol\":\"{Symbol}\"}}");
                var error = await ReceiveAsync(socket);
                Assert.Equal("error", error["type"]!.GetValue<string>());
                Assert.Equal(channel, error["channel"]!.GetValue<string>());
                Assert.Equal(Symbol, error["symbol"]!.GetValue<string>());
                Assert.Contains("failed", error["message"]!.GetValue<string>());
            }
            Assert.False(Market.IsWatching(Symbol));
            Assert.False(Market.IsWatchingPredictions(Symbol + "/M1"));

            // The same socket goes on: another symbol subscribes, and once the grain works again so does the failed one.
            await SendAsync(socket, "{\"op\":\"subscribe\",\"channel\":\"quotes\",\"symbol\":\"NZDUSD\"}");
            Assert.Equal("subscribed", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
            Assert.Equal(WebSocketState.Open, socket.State);
            FailingSubscriptions.Failing = false;
            foreach (var channel in new[] { "quotes", "predictions" })
            {
                await SendAsync(socket, $"{{\"op\":\"subscribe\",\"channel\":\"{channel}\",\"symbol\":\"{Symbol}\"}}");
                var answer = await ReceiveAsync(socket);
                Assert.True(answer["type"]!.GetValue<string>() == "subscribed", answer.ToJsonString());
            }
            await api.PublishQuoteAsync(Symbol, 2.34567m, 2.34580m);
            var quote = await ReceiveAsync(socket);
            Assert.Equal("quote", quote["type"]!.GetValue<string>());
            Assert.Equal(Symbol, quote["data"]!["symbol"]!.GetValue<string>());
        }
        finally
        {
            FailingSubscriptions.Failing = true;
        }
    }

    [Fact]
    public async Task Hub_FailedSubscribe_IsAClearHubError_AndARetrySubscribes()
    {
        const string Symbol = FailingSubscriptions.Symbol + "HUB";
        FailingSubscriptions.Failing = true;
        try
        {
            var tenant = await api.NewTenantAsync();
            var token = (await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken;
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(api.Server.BaseAddress, "hubs/market"), o =>
                {
                    o.Transports = HttpTransportType.LongPolling;
                    o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            var received = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<JsonObject>("quote", q => { if (q["symbol"]!.GetValue<string>() == Symbol) received.TrySetResult(q); });
            await hub.StartAsync();

            var quotes = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeQuotes", Symbol));
            Assert.Contains(Symbol, quotes.Message);
            var predictions = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribePredictions", Symbol, "M5"));
            Assert.Contains(Symbol, predictions.Message);
            Assert.Equal(HubConnectionState.Connected, hub.State);

            FailingSubscriptions.Failing = false;
            await hub.InvokeAsync("SubscribeQuotes", Symbol);
            await hub.InvokeAsync("SubscribePredictions", Symbol, "M5");
            Assert.True(Market.IsWatchingPredictions(Symbol + "/M5"));
            await api.PublishQuoteAsync(Symbol, 2.34567m, 2.34580m);
            Assert.Equal(2.34580m, (await received.Task.WaitAsync(Wait))["ask"]!.GetValue<decimal>());
        }
        finally
        {
            FailingSubscriptions.Failing = true;
        }
    }
}
