namespace Plan2.Core.Trading.Orders;

/// <summary>
/// What a client order id stands for: the instrument, side and type of the order it placed. A second send with the
/// same identity is a resend; quantity and prices may differ (a replace changes them since).
/// </summary>
public readonly record struct OrderIdentity(string Symbol, OrderSide Side, OrderType Type);
