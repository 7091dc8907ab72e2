using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Trading.Orders;

/// <summary>
/// Shape checks for a new order against its instrument, before risk: the first problem found is
/// returned so the caller sees one clear reason. Nothing here depends on the account.
/// </summary>
public static class OrderRequestValidator
{
    public static OrderResult Validate(OrderRequest request, InstrumentCatalog catalog, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.ClientOrderId) || string.IsNullOrWhiteSpace(request.AccountId))
            return OrderResult.Refused(OrderRefusalReason.MissingIdentity, "An order needs a client order id and an account id.");
        if (!catalog.TryGet(request.Symbol ?? "", out var instrument))
            return OrderResult.Refused(OrderRefusalReason.UnknownSymbol, $"Unknown symbol '{request.Symbol}'.");
        var quantity = CheckQuantity(request.Quantity, instrument);
        if (!quantity.IsOk)
            return quantity;
        var prices = CheckPrices(request, instrument);
        if (!prices.IsOk)
            return prices;
        var timing = CheckTimeInForce(request, now);
        if (!timing.IsOk)
            return timing;
        if (request.Confidence is { } c && !(c >= 0.0 && c <= 1.0))
            return OrderResult.Refused(OrderRefusalReason.InvalidConfidence, $"Confidence must be between 0 and 1, not {c}.");
        return OrderResult.Ok;
    }

    public static OrderResult CheckQuantity(decimal lots, Instrument instrument)
    {
        if (lots <= 0m)
            return OrderResult.Refused(OrderRefusalReason.NonPositiveQuantity, $"Quantity must be positive, not {lots}.");
        if (!instrument.IsOnLotStep(lots))
            return OrderResult.Refused(OrderRefusalReason.QuantityOffLotStep,
                $"Quantity {lots} is not a multiple of {instrument.Symbol}'s lot step {instrument.LotStep}.");
        if (lots < instrument.MinLot)
            return OrderResult.Refused(OrderRefusalReason.QuantityBelowMinimum, $"Quantity {lots} is below {instrument.Symbol}'s minimum {instrument.MinLot} lots.");
        if (lots > instrument.MaxLot)
            return OrderResult.Refused(OrderRefusalReason.QuantityAboveMaximum, $"Quantity {lots} is above {instrument.Symbol}'s maximum {instrument.MaxLot} lots.");
        return OrderResult.Ok;
    }

    private static OrderResult CheckPrices(OrderRequest request, Instrument instrument)
    {
        var needsLimit = request.Type is OrderType.Limit or OrderType.StopLimit;
        var needsTrigger = request.Type is OrderType.Stop or OrderType.StopLimit;
        var limit = CheckPrice("limit", request.LimitPrice, needsLimit, request.Type, instrument);
        return limit.IsOk ? CheckPrice("trigger", request.TriggerPrice, needsTrigger, request.Type, instrument) : limit;
    }

    private static OrderResult CheckPrice(string name, Price? price, bool needed, OrderType type, Instrument instrument)
    {
        if (price is not { } p)
            return needed ? OrderResult.Refused(OrderRefusalReason.MissingPrice, $"A {type} order needs a {name} price.") : OrderResult.Ok;
        if (!needed)
            return OrderResult.Refused(OrderRefusalReason.UnexpectedPrice, $"A {type} order takes no {name} price.");
        if (!p.IsPositive)
            return OrderResult.Refused(OrderRefusalReason.NonPositivePrice, $"The {name} price must be positive, not {p}.");
        if (!instrument.IsOnTick(p))
            return OrderResult.Refused(OrderRefusalReason.PriceOffTick,
                $"The {name} price {p} is not a multiple of {instrument.Symbol}'s tick size {instrument.TickSize}.");
        return OrderResult.Ok;
    }

    private static OrderResult CheckTimeInForce(OrderRequest request, DateTimeOffset now)
    {
        if (request.TimeInForce == TimeInForce.Gtd)
        {
            if (request.ExpireAt is not { } at)
                return OrderResult.Refused(OrderRefusalReason.MissingExpireTime, "A good-till-date order needs an expiry time.");
            if (at <= now)
                return OrderResult.Refused(OrderRefusalReason.ExpireTimeNotInFuture, $"The expiry time {at:O} is not after now ({now:O}).");
        }
        else if (request.ExpireAt is not null)
            return OrderResult.Refused(OrderRefusalReason.UnexpectedExpireTime, $"Only good-till-date orders take an expiry time, not {request.TimeInForce}.");
        // Immediate-or-cancel and fill-or-kill describe how an order meets the book now; a resting
        // stop has no "now" until it triggers, so venues (MT5 among them) refuse the combination.
        if (request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok && request.Type is OrderType.Stop or OrderType.StopLimit)
            return OrderResult.Refused(OrderRefusalReason.TimeInForceNotAllowed, $"{request.TimeInForce} is not allowed for {request.Type} orders.");
        return OrderResult.Ok;
    }
}
