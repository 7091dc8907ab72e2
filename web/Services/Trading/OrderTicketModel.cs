using Plan2.Abstractions.Trading;

namespace Plan2.Web.Services.Trading;

/// <summary>What the order ticket form holds; prices only for the order types that use them.</summary>
public sealed class OrderTicketModel
{
    public string Symbol { get; set; } = "EURUSD";
    public TradeSide Side { get; set; } = TradeSide.Buy;
    public TradeOrderType Type { get; set; } = TradeOrderType.Market;
    public decimal Quantity { get; set; } = 0.1m;
    public decimal? LimitPrice { get; set; }
    public decimal? TriggerPrice { get; set; }
    public TradeTimeInForce TimeInForce { get; set; } = TradeTimeInForce.Gtc;

    public bool UsesLimit => Type is TradeOrderType.Limit or TradeOrderType.StopLimit;
    public bool UsesTrigger => Type is TradeOrderType.Stop or TradeOrderType.StopLimit;

    public PlaceOrder ToPlaceOrder(string clientOrderId, Actor by) => new(clientOrderId, Symbol, Side, Quantity, by, Type,
        UsesLimit ? LimitPrice : null, UsesTrigger ? TriggerPrice : null, TimeInForce);

    /// <summary>What the preview depends on, so the page asks risk again only when the ticket changed.</summary>
    public string Fingerprint => $"{Symbol}|{Side}|{Type}|{Quantity}|{LimitPrice}|{TriggerPrice}|{TimeInForce}";
}
