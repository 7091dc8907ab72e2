namespace Plan2.Web.Services.Trading;

/// <summary>The stable refusal codes (Core's RiskReason and OrderRefusalReason names, and the account's own) in a trader's words.</summary>
public static class ReasonWords
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["PlatformKillSwitch"] = "the platform is halted",
        ["TenantKillSwitch"] = "your tenant is halted",
        ["AccountKillSwitch"] = "this account is halted",
        ["StrategyHalted"] = "the strategy is halted after its drawdown",
        ["AccountDrawdown"] = "the account's drawdown limit is reached",
        ["OutsideTradingHours"] = "outside trading hours",
        ["NoQuote"] = "no quote for the symbol yet",
        ["StaleQuote"] = "the last quote is too old",
        ["NoConversionRate"] = "no rate to convert the P&L into the account currency",
        ["PriceCollar"] = "the price is too far from the market",
        ["ReduceOnlyWouldIncrease"] = "a reduce-only order would increase the position",
        ["MaxOrderSize"] = "the order is larger than allowed",
        ["MaxOrderNotional"] = "the order's value is above the limit",
        ["ConfidenceTooLow"] = "the model's confidence is too low",
        ["ConfidenceSizeExceeded"] = "too large for the model's confidence",
        ["MaxPosition"] = "the position would exceed its limit",
        ["MaxGrossExposure"] = "the account's exposure would exceed its limit",
        ["MaxDailyLoss"] = "today's loss limit is reached",
        ["MaxOpenOrders"] = "too many open orders",
        ["SubmitRate"] = "too many orders per second",
        ["MissingIdentity"] = "the order does not say who placed it",
        ["UnknownSymbol"] = "unknown symbol",
        ["NonPositiveQuantity"] = "the quantity must be positive",
        ["QuantityOffLotStep"] = "the quantity is not a multiple of the lot step",
        ["QuantityBelowMinimum"] = "the quantity is below the minimum lot",
        ["QuantityAboveMaximum"] = "the quantity is above the maximum lot",
        ["MissingPrice"] = "this order type needs a price",
        ["UnexpectedPrice"] = "this order type takes no such price",
        ["NonPositivePrice"] = "prices must be positive",
        ["PriceOffTick"] = "the price is not on the instrument's tick",
        ["MissingExpireTime"] = "this time in force needs an expiry",
        ["UnexpectedExpireTime"] = "this time in force takes no expiry",
        ["ExpireTimeNotInFuture"] = "the expiry is not in the future",
        ["TimeInForceNotAllowed"] = "this time in force is not allowed for the order type",
        ["InvalidPositionTicket"] = "no such position to close",
        ["OrderClosed"] = "the order is already closed",
        ["UnknownOrder"] = "no such order",
    };

    public static string For(string code) => Words.TryGetValue(code, out var words) ? words : code;
}
