using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Risk;

/// <summary>Is the market there to trade against: session open, a fresh quote, a sane price.</summary>
public static class MarketChecks
{
    public static RiskDecision TradingHours(OrderRequest order, in RiskContext context) =>
        context.Limits.TradingHours.IsOpen(context.Now)
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.OutsideTradingHours, $"{order.Symbol} is outside its trading hours at {context.Now.UtcDateTime:ddd HH:mm} UTC.");

    public static RiskDecision QuoteFreshness(OrderRequest order, in RiskContext context)
    {
        if (context.LastQuote is not { } quote || !quote.Bid.IsPositive || !quote.Ask.IsPositive)
            return RiskDecision.Denied(RiskReason.NoQuote, $"No quote for {order.Symbol} yet.");
        var age = context.Now - quote.Time;
        return age <= context.Limits.MaxQuoteAge
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.StaleQuote, $"The last {order.Symbol} quote is {age.TotalSeconds:0.###} s old; the limit is {context.Limits.MaxQuoteAge.TotalSeconds:0.###} s.");
    }

    /// <summary>
    /// Notional, exposure and loss limits are in account currency: without a rate they would all read
    /// zero and pass, so a missing rate (the default 0) denies rather than waves the order through.
    /// </summary>
    public static RiskDecision ConversionRate(OrderRequest order, in RiskContext context) =>
        context.QuoteToAccountRate > 0m
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.NoConversionRate, $"No rate converts {context.Instrument.QuoteCurrency} to the account currency, so {order.Symbol} cannot be sized.");

    /// <summary>Limit and trigger prices must lie within the collar around the quote's mid (fat-finger guard).</summary>
    public static RiskDecision PriceCollar(OrderRequest order, in RiskContext context)
    {
        if (context.LastQuote is not { } quote)
            return RiskDecision.Approved; // QuoteFreshness denies first; nothing to compare with here
        // |price − mid| > f × mid, doubled to stay in whole units: |2·price − (bid + ask)| > f × (bid + ask)
        var twoMid = quote.Bid.Units + quote.Ask.Units;
        var collar = context.Limits.MaxPriceDeviation * twoMid;
        if (order.LimitPrice is { } limit && Math.Abs(2 * limit.Units - twoMid) > collar)
            return Denied("limit", limit, twoMid / 2m, context.Limits.MaxPriceDeviation);
        if (order.TriggerPrice is { } trigger && Math.Abs(2 * trigger.Units - twoMid) > collar)
            return Denied("trigger", trigger, twoMid / 2m, context.Limits.MaxPriceDeviation);
        return RiskDecision.Approved;
    }

    private static RiskDecision Denied(string name, Price price, decimal midUnits, decimal fraction) =>
        RiskDecision.Denied(RiskReason.PriceCollar,
            $"The {name} price {price} is more than {fraction:P2} from the market mid {midUnits / Price.UnitsPerOne}.");
}
