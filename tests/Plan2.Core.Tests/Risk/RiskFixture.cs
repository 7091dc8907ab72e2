using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Tests.Trading;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Tests.Risk;

/// <summary>
/// A calm account and market where an ordinary order passes every check: EURUSD 1.10000/1.10020
/// quoted a second ago, Wednesday 10:00 UTC, a flat 10,000 USD account, default limits.
/// Each test changes only what it is about.
/// </summary>
internal static class RiskFixture
{
    public static readonly DateTimeOffset Now = TestMarket.T0;

    public static RiskContext Context(RiskLimits? limits = null, SubmitRateWindow? window = null) => new()
    {
        Limits = limits ?? RiskLimits.Default,
        Instrument = TestMarket.EurUsd,
        SubmitWindow = window ?? new SubmitRateWindow(),
        Account = new AccountRiskState(NetPosition: 0m, OpenOrders: 0, GrossExposure: 0m, DayPnl: 0m, Equity: 10_000m, EquityHighWaterMark: 10_000m),
        LastQuote = TestMarket.Quote("1.10000", "1.10020", Now.AddSeconds(-1)),
        Now = Now,
        QuoteToAccountRate = 1m,
    };

    public static OrderRequest Order(decimal lots = 1m, OrderSide side = OrderSide.Buy, OrderType type = OrderType.Market,
        string? limit = null, string? trigger = null, bool reduceOnly = false, string? strategy = null, double? confidence = null) => new()
    {
        ClientOrderId = "C-1",
        AccountId = "ACC-1",
        StrategyId = strategy,
        Symbol = "EURUSD",
        Side = side,
        Type = type,
        Quantity = lots,
        LimitPrice = limit is null ? null : Price.Parse(limit),
        TriggerPrice = trigger is null ? null : Price.Parse(trigger),
        ReduceOnly = reduceOnly,
        Confidence = confidence,
    };

    public static RiskContext WithAccount(this RiskContext context, decimal net = 0m, int openOrders = 0, decimal exposure = 0m,
        decimal dayPnl = 0m, decimal equity = 10_000m, decimal highWater = 10_000m) =>
        context with { Account = new AccountRiskState(net, openOrders, exposure, dayPnl, equity, highWater) };
}
