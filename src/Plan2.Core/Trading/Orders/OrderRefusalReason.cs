namespace Plan2.Core.Trading.Orders;

/// <summary>Why an order request or an order event was refused. Names are stable: they reach APIs and audit trails.</summary>
public enum OrderRefusalReason : byte
{
    None = 0,
    // A new order that is malformed.
    MissingIdentity,
    UnknownSymbol,
    NonPositiveQuantity,
    QuantityOffLotStep,
    QuantityBelowMinimum,
    QuantityAboveMaximum,
    MissingPrice,
    UnexpectedPrice,
    NonPositivePrice,
    PriceOffTick,
    MissingExpireTime,
    UnexpectedExpireTime,
    ExpireTimeNotInFuture,
    TimeInForceNotAllowed,
    InvalidConfidence,
    // An event that does not fit the order.
    WrongOrder,
    IllegalTransition,
    OrderClosed,
    DuplicateTrade,
    Overfill,
    UpdateBelowFilled,
    // Added last: values are serialized, so new names go at the end.
    ClientOrderIdReused, // a new order's client id already names an order placed with another symbol, side or type
}
