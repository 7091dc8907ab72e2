using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Grains.Trading.Orders;

/// <summary>Between the messages clients see and the Core trading types (enums share their values).</summary>
internal static class TradingMapping
{
    /// <summary>The Core request; false with a reason when a price has more decimals than a Price holds.</summary>
    public static bool TryToRequest(this PlaceOrder o, string accountId, out OrderRequest request, out string? error)
    {
        request = null!;
        if (!TryPrice(o.LimitPrice, out var limit) || !TryPrice(o.TriggerPrice, out var trigger))
        {
            error = $"Prices may have at most {Price.Decimals} decimals, not {o.LimitPrice ?? o.TriggerPrice}.";
            return false;
        }
        error = null;
        request = new OrderRequest
        {
            ClientOrderId = o.ClientOrderId,
            AccountId = accountId,
            StrategyId = o.StrategyId,
            Symbol = o.Symbol,
            Side = (OrderSide)o.Side,
            Type = (OrderType)o.Type,
            Quantity = o.Quantity,
            LimitPrice = limit,
            TriggerPrice = trigger,
            TimeInForce = (TimeInForce)o.TimeInForce,
            ExpireAt = o.ExpireAt,
            ReduceOnly = o.ReduceOnly,
            PositionTicket = o.PositionTicket,
            Confidence = o.Confidence,
        };
        return true;
    }

    public static bool TryPrice(decimal? value, out Price? price)
    {
        price = null;
        if (value is not { } v)
            return true;
        var scaled = v * Price.UnitsPerOne;
        if (scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > long.MaxValue)
            return false;
        price = new Price((long)scaled);
        return true;
    }

    public static Tick ToTick(this QuoteView q) => new(q.TimeUnixMs, Price.FromDecimal(q.Bid), Price.FromDecimal(q.Ask));

    public static QuoteView ToView(this Tick t, string symbol) => new(symbol, t.TimeMs, t.Bid.ToDecimal(), t.Ask.ToDecimal());

    public static PositionView ToView(this Position p, decimal? unrealizedPnl = null) =>
        new(p.Ticket, p.Symbol, p.Side == PositionSide.Long ? TradeSide.Buy : TradeSide.Sell, p.Quantity, p.AveragePrice, p.StrategyId, p.RealizedPnl,
            unrealizedPnl);
}
