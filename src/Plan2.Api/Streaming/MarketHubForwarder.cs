using Microsoft.AspNetCore.SignalR;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Streaming;

/// <summary>Forwards the live market to the hub's groups, and each tenant's activity to that tenant's groups.</summary>
internal sealed class MarketHubForwarder(LiveMarket market, LiveActivity activity, IHubContext<MarketHub> hub) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        market.Quote += OnQuote;
        market.Bar += OnBar;
        market.Prediction += OnPrediction;
        activity.Order += OnOrder;
        activity.RiskAlert += OnRiskAlert;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        market.Quote -= OnQuote;
        market.Bar -= OnBar;
        market.Prediction -= OnPrediction;
        activity.Order -= OnOrder;
        activity.RiskAlert -= OnRiskAlert;
        return Task.CompletedTask;
    }

    private void OnQuote(QuoteView quote) => _ = hub.Clients.Group(MarketHub.QuoteGroup(quote.Symbol)).SendAsync("quote", quote);

    private void OnPrediction(PredictionView p) =>
        _ = hub.Clients.Group(MarketHub.PredictionGroup($"{p.Symbol}/{p.Timeframe}")).SendAsync("prediction", p);

    private void OnBar(BarView bar) => _ = hub.Clients.Group(MarketHub.BarGroup(bar.Symbol)).SendAsync("bar", bar);

    private void OnOrder(string tenant, OrderView order) => _ = hub.Clients.Group(MarketHub.OrderGroup(tenant)).SendAsync("order", order);

    private void OnRiskAlert(string tenant, RiskAlertView alert) => _ = hub.Clients.Group(MarketHub.RiskGroup(tenant)).SendAsync("riskAlert", alert);
}
