using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Tests.Trading;

/// <summary>Orders and their events with sensible defaults, so a test states only what it is about.</summary>
internal static class OrderBuilder
{
    public const string Id = "O-1";

    public static OrderRequest Request(decimal quantity = 1m, OrderType type = OrderType.Market, OrderSide side = OrderSide.Buy,
        Price? limit = null, Price? trigger = null, TimeInForce tif = TimeInForce.Gtc, DateTimeOffset? expireAt = null, string symbol = "EURUSD") => new()
    {
        ClientOrderId = "C-1",
        AccountId = "ACC-1",
        Symbol = symbol,
        Side = side,
        Type = type,
        Quantity = quantity,
        LimitPrice = limit,
        TriggerPrice = trigger,
        TimeInForce = tif,
        ExpireAt = expireAt,
    };

    public static Order New(decimal quantity = 1m, OrderType type = OrderType.Limit) =>
        new(Id, Request(quantity, type, limit: type is OrderType.Limit or OrderType.StopLimit ? TestMarket.P("1.1") : null,
            trigger: type is OrderType.Stop or OrderType.StopLimit ? TestMarket.P("1.2") : null), TestMarket.T0);

    /// <summary>An order the venue has accepted.</summary>
    public static Order Accepted(decimal quantity = 1m, OrderType type = OrderType.Limit)
    {
        var order = New(quantity, type);
        Assert.True(order.Apply(new OrderSubmitted(Id, TestMarket.T0)).IsOk);
        Assert.True(order.Apply(new OrderAccepted(Id, TestMarket.T0, "V-1")).IsOk);
        return order;
    }

    public static OrderFilled Fill(string tradeId, decimal quantity, string price, decimal commission = 0m) =>
        new(Id, TestMarket.T0, tradeId, quantity, TestMarket.P(price), commission);
}
