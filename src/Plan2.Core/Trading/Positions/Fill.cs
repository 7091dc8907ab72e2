using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Trading.Positions;

/// <summary>
/// One execution as the account books it. <see cref="TradeId"/> is the venue's execution id and
/// is booked once; <see cref="Commission"/> is the charge in account currency (negative: a rebate, a credit);
/// <see cref="Swap"/> is swap the venue booked with this execution (negative: paid), booked on the position it acts on;
/// <see cref="PositionTicket"/> names the position a hedging close targets.
/// </summary>
public sealed record Fill(
    string TradeId,
    string OrderId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    Price Price,
    DateTimeOffset At,
    decimal Commission = 0m,
    long? PositionTicket = null,
    string? StrategyId = null,
    decimal Swap = 0m)
{
    /// <summary>The booking of an order's fill: side, symbol, strategy and target ticket come from the order.</summary>
    public static Fill FromOrder(Order order, OrderFilled filled) =>
        new(filled.TradeId, order.OrderId, order.Symbol, order.Side, filled.Quantity, filled.Price, filled.At, filled.Commission,
            order.Request.PositionTicket, order.StrategyId, filled.Swap);
}
