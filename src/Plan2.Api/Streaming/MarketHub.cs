using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Plan2.Abstractions.Identity;
using Plan2.Api.Endpoints;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Streaming;

/// <summary>
/// SignalR hub at /hubs/market. Clients call SubscribeQuotes/SubscribeBars(symbol) and receive "quote"
/// (QuoteView) and "bar" (BarView) messages. Market data is the same for every tenant; order changes
/// ("order", OrderView) and risk alerts ("riskAlert", RiskAlertView) only ever reach the caller's own
/// tenant, whose id comes from the token, never from the call. Each tenant's connections are capped. Authenticate with the bearer token (query access_token for WebSockets) or an API key.
/// </summary>
[Authorize(Policy = ApiPolicies.Viewer)]
public sealed class MarketHub(LiveMarket market, LiveActivity activity, LiveConnections connections) : Hub
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
        // This connection's hold only (another's feed goes on); also for one aborted over the cap whose subscribe was
        // dispatched all the same: releasing a hold never taken changes nothing.
        activity.Release(tenant ?? Context.User?.FindFirst(Plan2Claims.Tenant)?.Value ?? "", Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task SubscribeQuotes(string symbol)
    {
        var upper = Require(symbol);
        await Failing("quotes of " + upper, market.WatchAsync(upper));
        await Groups.AddToGroupAsync(Context.ConnectionId, QuoteGroup(upper));
    }

    public Task UnsubscribeQuotes(string symbol) => Groups.RemoveFromGroupAsync(Context.ConnectionId, QuoteGroup(Require(symbol)));

    public async Task SubscribeBars(string symbol)
    {
        var upper = Require(symbol);
        await Failing("bars of " + upper, market.WatchAsync(upper));
        await Groups.AddToGroupAsync(Context.ConnectionId, BarGroup(upper));
    }

    public Task UnsubscribeBars(string symbol) => Groups.RemoveFromGroupAsync(Context.ConnectionId, BarGroup(Require(symbol)));

    /// <summary>Predictions of a symbol on a timeframe (M1 unless named), as the predictors publish them.</summary>
    public async Task SubscribePredictions(string symbol, string? timeframe = null)
    {
        var key = PredictionKey(symbol, timeframe);
        await Failing("predictions of " + key, market.WatchPredictionsAsync(key));
        await Groups.AddToGroupAsync(Context.ConnectionId, PredictionGroup(key));
    }

    public Task UnsubscribePredictions(string symbol, string? timeframe = null) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, PredictionGroup(PredictionKey(symbol, timeframe)));

    /// <summary>Every change of every order of the caller's tenant (any role may watch; trading needs the trader role).</summary>
    public async Task SubscribeOrders()
    {
        await Failing("orders", activity.WatchAsync(Tenant, Context.ConnectionId));
        await Groups.AddToGroupAsync(Context.ConnectionId, OrderGroup(Tenant));
    }

    public Task UnsubscribeOrders() => Groups.RemoveFromGroupAsync(Context.ConnectionId, OrderGroup(Tenant));

    /// <summary>Risk refusals and kill-switch changes of the caller's tenant.</summary>
    public async Task SubscribeRiskAlerts()
    {
        await Failing("risk alerts", activity.WatchAsync(Tenant, Context.ConnectionId));
        await Groups.AddToGroupAsync(Context.ConnectionId, RiskGroup(Tenant));
    }

    public Task UnsubscribeRiskAlerts() => Groups.RemoveFromGroupAsync(Context.ConnectionId, RiskGroup(Tenant));

    /// <summary>A subscription that failed (its grain threw) as a message the client can read; the connection stays open.</summary>
    private static async Task Failing(string what, Task subscribing)
    {
        try
        {
            await subscribing;
        }
        catch (Exception e) when (e is not (HubException or OperationCanceledException))
        {
            throw new HubException($"Subscribing to {what} failed ({ApiErrors.Map(e)?.Detail ?? e.Message}); nothing was subscribed, try again.");
        }
    }

    public static string OrderGroup(string tenant) => "orders:" + tenant;

    public static string RiskGroup(string tenant) => "risk:" + tenant;

    private string Tenant => Context.User?.FindFirst(Plan2Claims.Tenant)?.Value is { Length: > 0 } t ? t : throw new HubException("No tenant in this connection's token.");

    public static string PredictionGroup(string key) => "predictions:" + key;

    internal static string PredictionKey(string symbol, string? timeframe)
    {
        var tf = (timeframe ?? "M1").ToUpperInvariant();
        return MarketEndpoints.Timeframes.Contains(tf)
            ? $"{Require(symbol)}/{tf}"
            : throw new HubException("Timeframe must be M1, M5, M15, H1 or D1.");
    }

    public const string QuoteGroupPrefix = "quotes:";

    public static string QuoteGroup(string symbol) => QuoteGroupPrefix + symbol;

    public static string BarGroup(string symbol) => "bars:" + symbol;

    private static string Require(string symbol) =>
        MarketEndpoints.IsSymbol(symbol) ? symbol.ToUpperInvariant() : throw new HubException("A symbol is 3-20 letters, digits, '.' or '_' (e.g. EURUSD).");
}
