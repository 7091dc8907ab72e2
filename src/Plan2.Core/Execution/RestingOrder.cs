using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

/// <summary>
/// An order already accepted elsewhere that a <see cref="PaperVenue"/> is to work against its later
/// quotes: what is left of it (quantity less fills), its prices, whether its stop has triggered and
/// when it expires. Built from the owner's <see cref="Order"/>, which stays the truth. <paramref name="Version"/>
/// is how far the owner's record of the order had got (its journal sequence) when these terms were taken: a
/// venue keeps newer terms over a repeat or a late copy of older ones (a retried rest whose first answer was lost).
/// </summary>
public sealed record RestingOrder(
    string OrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal Filled,
    Price? Limit,
    Price? Trigger,
    bool Triggered,
    DateTimeOffset? ExpiresAt,
    long Version = 0)
{
    public static RestingOrder From(Order order, long version = 0) => new(order.OrderId, order.Symbol, order.Side, order.Type, order.Quantity,
        order.FilledQuantity, order.LimitPrice, order.TriggerPrice, order.IsTriggered, order.ExpiresAt, version);
}
