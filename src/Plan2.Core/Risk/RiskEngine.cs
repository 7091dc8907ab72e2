using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Risk;

/// <summary>
/// Pre-trade risk: the checks in <see cref="Chain"/> run in order and the first denial wins. The
/// order is cheap-first and most-final-first: switches and halts, then the market, then sizes, then
/// the account's activity, with the submit rate last so that it counts only orders that would
/// otherwise pass. Pure: the caller records an approved submission in the account's
/// <see cref="SubmitRateWindow"/> (see <see cref="EvaluateAndRecord"/>).
/// </summary>
public static class RiskEngine
{
    public static readonly IReadOnlyList<RiskCheck> Chain =
    [
        GuardChecks.KillSwitch,
        GuardChecks.StrategyDrawdown,
        GuardChecks.AccountDrawdown,
        MarketChecks.TradingHours,
        MarketChecks.QuoteFreshness,
        MarketChecks.ConversionRate,
        MarketChecks.PriceCollar,
        SizeChecks.ReduceOnly,
        SizeChecks.OrderSize,
        SizeChecks.OrderNotional,
        SizeChecks.Confidence,
        SizeChecks.Position,
        SizeChecks.GrossExposure,
        AccountChecks.DailyLoss,
        AccountChecks.OpenOrders,
        AccountChecks.SubmitRate,
    ];

    private static readonly RiskCheck[] Checks = [.. Chain];
    private const decimal PriceUnit = 0.00000001m; // one Price unit, 1e-8

    public static RiskDecision Evaluate(OrderRequest order, in RiskContext context)
    {
        if (!string.Equals(order.Symbol, context.Instrument.Symbol, StringComparison.Ordinal))
            throw new ArgumentException($"Risk context is for {context.Instrument.Symbol}, the order for {order.Symbol}: a caller bug, not a denial.", nameof(context));
        foreach (var check in Checks)
        {
            var decision = check(order, in context);
            if (!decision.IsApproved)
                return decision;
        }
        return RiskDecision.Approved;
    }

    /// <summary>Evaluate, and on approval count the submission against the account's rate limit.</summary>
    public static RiskDecision EvaluateAndRecord(OrderRequest order, in RiskContext context)
    {
        var decision = Evaluate(order, in context);
        if (decision.IsApproved)
            context.SubmitWindow.Record(context.Now, context.Limits.MaxSubmitsPerWindow);
        return decision;
    }

    /// <summary>An order that can only take risk off: reduce-only, or a close aimed at a hedging ticket.</summary>
    public static bool IsClosing(OrderRequest order) => order.ReduceOnly || order.PositionTicket is not null;

    /// <summary>
    /// lots × contract size × price × quote-to-account rate. The price is the limit price, else the
    /// trigger price, else the side of the last quote a market order would take (ask to buy, bid to sell).
    /// </summary>
    public static decimal NotionalInAccountCurrency(OrderRequest order, in RiskContext context)
    {
        var price = order.LimitPrice ?? order.TriggerPrice
            ?? (context.LastQuote is { } q ? (order.Side == OrderSide.Buy ? q.Ask : q.Bid) : default);
        // Multiplying by the unit (not dividing by units per one) keeps this exact and cheap.
        return order.Quantity * context.Instrument.ContractSize * context.QuoteToAccountRate * price.Units * PriceUnit;
    }
}
