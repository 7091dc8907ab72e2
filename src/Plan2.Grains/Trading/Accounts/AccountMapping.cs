using Plan2.Abstractions.Trading;
using Plan2.Core.Risk;

namespace Plan2.Grains.Trading.Accounts;

internal static class AccountMapping
{
    public static RiskLimitOverrides ToOverrides(this AccountLimits l) => new()
    {
        MaxOrderLots = l.MaxOrderLots,
        MaxOrderNotional = l.MaxOrderNotional,
        MaxPositionLots = l.MaxPositionLots,
        MaxGrossExposure = l.MaxGrossExposure,
        MaxDailyLoss = l.MaxDailyLoss,
        MaxOpenOrders = l.MaxOpenOrders,
        MaxSubmitsPerWindow = l.MaxSubmitsPerSecond,
        SubmitWindow = l.MaxSubmitsPerSecond is null ? null : TimeSpan.FromSeconds(1),
        MaxPriceDeviation = l.MaxPriceDeviation,
        MaxQuoteAge = l.MaxQuoteAge,
    };
}
