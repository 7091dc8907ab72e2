namespace Plan2.Core.Risk;

/// <summary>Why pre-trade risk denied an order. Names are stable: they reach APIs, audit trails and dashboards.</summary>
public enum RiskReason : byte
{
    None = 0,
    PlatformKillSwitch,
    TenantKillSwitch,
    AccountKillSwitch,
    StrategyHalted,
    AccountDrawdown,
    OutsideTradingHours,
    NoQuote,
    StaleQuote,
    NoConversionRate,
    PriceCollar,
    ReduceOnlyWouldIncrease,
    MaxOrderSize,
    MaxOrderNotional,
    ConfidenceTooLow,
    ConfidenceSizeExceeded,
    MaxPosition,
    MaxGrossExposure,
    MaxDailyLoss,
    MaxOpenOrders,
    SubmitRate,
}
