namespace Plan2.Core.Risk;

/// <summary>An account's own limits: every field it sets replaces the tenant's; null inherits it.</summary>
public sealed record RiskLimitOverrides
{
    public decimal? MaxOrderLots { get; init; }
    public decimal? MaxOrderNotional { get; init; }
    public decimal? MaxPositionLots { get; init; }
    public decimal? MaxGrossExposure { get; init; }
    public decimal? MaxDailyLoss { get; init; }
    public int? MaxOpenOrders { get; init; }
    public int? MaxSubmitsPerWindow { get; init; }
    public TimeSpan? SubmitWindow { get; init; }
    public decimal? MaxPriceDeviation { get; init; }
    public TimeSpan? MaxQuoteAge { get; init; }
    public decimal? MaxAccountDrawdown { get; init; }
    public decimal? MaxStrategyDrawdown { get; init; }
    public double? ConfidenceFloor { get; init; }
    public TradingHours? TradingHours { get; init; }

    public static RiskLimitOverrides None { get; } = new();
}
