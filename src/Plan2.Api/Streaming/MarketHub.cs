using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Plan2.Abstractions.Identity;
using Plan2.Api.Endpoints;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Streaming;

/// <summary>
/// SignalR hub at /hubs/market. Clients call SubscribeQuotes/SubscribeBars(symbol) and receive "quote"
/// (QuoteView) and "bar" (BarView) messages. Market data is the same for every tenant; each tenant's
/// connections are capped. Authenticate with the bearer token (query access_token for WebSockets) or an API key.
/// </summary>
[Authorize(Policy = ApiPolicies.Viewer)]
public sealed class MarketHub(LiveMarket market, LiveConnections connections) : Hub
{
    public const string Path = "/hubs/market";
    private static readonly ConcurrentDictionary<string, string> Tenants = new(StringComparer.Ordinal);

    public override Task OnConnectedAsync()
    {
        var tenant = Context.User?.FindFirst(Plan2Claims.Tenant)?.Value ?? "";
        if (!connections.TryOpen(tenant))
        {
            Context.Abort(); // over the tenant's cap of live connections
            return Task.CompletedTask;
        }
        Tenants[Context.ConnectionId] = tenant;
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Tenants.TryRemove(Context.ConnectionId, out var tenant))
            connections.Close(tenant);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task SubscribeQuotes(string symbol)
    {
        var upper = Require(symbol);
        await market.WatchAsync(upper);
        await Groups.AddToGroupAsync(Context.ConnectionId, QuoteGroup(upper));
    }

    public Task UnsubscribeQuotes(string symbol) => Groups.RemoveFromGroupAsync(Context.ConnectionId, QuoteGroup(Require(symbol)));

    public async Task SubscribeBars(string symbol)
    {
        var upper = Require(symbol);
        await market.WatchAsync(upper);
        await Groups.AddToGroupAsync(Context.ConnectionId, BarGroup(upper));
    }

    public Task UnsubscribeBars(string symbol) => Groups.RemoveFromGroupAsync(Context.ConnectionId, BarGroup(Require(symbol)));

    /// <summary>Predictions of a symbol on a timeframe (M1 unless named), as the predictors publish them.</summary>
    public async Task SubscribePredictions(string symbol, string? timeframe = null)
    {
        var key = PredictionKey(symbol, timeframe);
        await market.WatchPredictionsAsync(key);
        await Groups.AddToGroupAsync(Context.ConnectionId, PredictionGroup(key));
    }

    public Task UnsubscribePredictions(string symbol, string? timeframe = null) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, PredictionGroup(PredictionKey(symbol, timeframe)));

    public static string PredictionGroup(string key) => "predictions:" + key;

    internal static string PredictionKey(string symbol, string? timeframe)
    {
        var tf = (timeframe ?? "M1").ToUpperInvariant();
        return MarketEndpoints.Timeframes.Contains(tf)
            ? $"{Require(symbol)}/{tf}"
            : throw new HubException("Timeframe must be M1, M5, M15, H1 or D1.");
    }

    public static string QuoteGroup(string symbol) => "quotes:" + symbol;

    public static string BarGroup(string symbol) => "bars:" + symbol;

    private static string Require(string symbol) =>
        MarketEndpoints.IsSymbol(symbol) ? symbol.ToUpperInvariant() : throw new HubException("A symbol is 3-20 letters, digits, '.' or '_' (e.g. EURUSD).");
}

/// <summary>Forwards the live market to the hub's groups.</summary>
internal sealed class MarketHubForwarder(LiveMarket market, IHubContext<MarketHub> hub) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        market.Quote += OnQuote;
        market.Bar += OnBar;
        market.Prediction += OnPrediction;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        market.Quote -= OnQuote;
        market.Bar -= OnBar;
        market.Prediction -= OnPrediction;
        return Task.CompletedTask;
    }

    private void OnQuote(Abstractions.MarketData.QuoteView quote) => _ = hub.Clients.Group(MarketHub.QuoteGroup(quote.Symbol)).SendAsync("quote", quote);

    private void OnPrediction(Abstractions.Predictions.PredictionView p) =>
        _ = hub.Clients.Group(MarketHub.PredictionGroup($"{p.Symbol}/{p.Timeframe}")).SendAsync("prediction", p);

    private void OnBar(Abstractions.MarketData.BarView bar) => _ = hub.Clients.Group(MarketHub.BarGroup(bar.Symbol)).SendAsync("bar", bar);
}
