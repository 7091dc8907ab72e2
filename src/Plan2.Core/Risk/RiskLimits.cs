using Plan2.Core.Tenancy;

namespace Plan2.Core.Risk;

/// <summary>
/// Pre-trade limits. A tenant holds one set; an account may override any field
/// (<see cref="RiskLimitOverrides"/>, applied with <see cref="With"/>). Money is in account
/// currency; fractions are 0.05 for 5 %. Checks read the limits passed with each order, so a
/// change applies from the next order on.
/// </summary>
public sealed record RiskLimits
{
    public decimal MaxOrderLots { get; init; } = 10m;
    public decimal MaxOrderNotional { get; init; } = 1_000_000m;
    /// <summary>Largest net position per symbol, in lots, either direction.</summary>
    public decimal MaxPositionLots { get; init; } = 20m;
    public decimal MaxGrossExposure { get; init; } = 5_000_000m;
    /// <summary>Loss for the day (a positive amount) at which new risk stops.</summary>
    public decimal MaxDailyLoss { get; init; } = 5_000m;
    public int MaxOpenOrders { get; init; } = 100;
    public int MaxSubmitsPerWindow { get; init; } = 100;
    public TimeSpan SubmitWindow { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Furthest a limit or trigger price may sit from the quote's mid, as a fraction of the mid.</summary>
    public decimal MaxPriceDeviation { get; init; } = 0.05m;
    public TimeSpan MaxQuoteAge { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Account equity drawdown from its high-water mark at which new risk stops.</summary>
    public decimal MaxAccountDrawdown { get; init; } = 0.20m;
    /// <summary>A strategy's drawdown from its own high-water mark at which it is halted.</summary>
    public decimal MaxStrategyDrawdown { get; init; } = 0.10m;
    /// <summary>AI orders: a confidence at or below this gets no size; 1.0 gets <see cref="MaxOrderLots"/>.</summary>
    public double ConfidenceFloor { get; init; } = 0.5;
    public TradingHours TradingHours { get; init; } = TradingHours.Always;

    public static RiskLimits Default { get; } = new();

    /// <summary>
    /// A tenant's limits, taking the two the tenant settings already hold (open orders and order
    /// notional) from there so they have one source of truth; the rest from <paramref name="rest"/>.
    /// The tenant's notional is in its base currency: an account in another currency should override it.
    /// </summary>
    public static RiskLimits ForTenant(TenantSettings tenant, RiskLimits? rest = null) => (rest ?? Default) with
    {
        MaxOpenOrders = tenant.MaxOpenOrders,
        MaxOrderNotional = tenant.MaxOrderNotional,
    };

    /// <summary>These limits with every field the account sets replaced by the account's value.</summary>
    public RiskLimits With(RiskLimitOverrides account) => this with
    {
        MaxOrderLots = account.MaxOrderLots ?? MaxOrderLots,
        MaxOrderNotional = account.MaxOrderNotional ?? MaxOrderNotional,
        MaxPositionLots = account.MaxPositionLots ?? MaxPositionLots,
        MaxGrossExposure = account.MaxGrossExposure ?? MaxGrossExposure,
        MaxDailyLoss = account.MaxDailyLoss ?? MaxDailyLoss,
        MaxOpenOrders = account.MaxOpenOrders ?? MaxOpenOrders,
        MaxSubmitsPerWindow = account.MaxSubmitsPerWindow ?? MaxSubmitsPerWindow,
        SubmitWindow = account.SubmitWindow ?? SubmitWindow,
        MaxPriceDeviation = account.MaxPriceDeviation ?? MaxPriceDeviation,
        MaxQuoteAge = account.MaxQuoteAge ?? MaxQuoteAge,
        MaxAccountDrawdown = account.MaxAccountDrawdown ?? MaxAccountDrawdown,
        MaxStrategyDrawdown = account.MaxStrategyDrawdown ?? MaxStrategyDrawdown,
        ConfidenceFloor = account.ConfidenceFloor ?? ConfidenceFloor,
        TradingHours = account.TradingHours ?? TradingHours,
    };

    /// <summary>Every violation at once, so a caller can fix them all in one go.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, nameof(MaxOrderLots), MaxOrderLots);
        Positive(errors, nameof(MaxOrderNotional), MaxOrderNotional);
        Positive(errors, nameof(MaxPositionLots), MaxPositionLots);
        Positive(errors, nameof(MaxGrossExposure), MaxGrossExposure);
        Positive(errors, nameof(MaxDailyLoss), MaxDailyLoss);
        if (MaxOrderLots > MaxPositionLots && MaxPositionLots > 0m)
            errors.Add($"MaxOrderLots ({MaxOrderLots}) must not exceed MaxPositionLots ({MaxPositionLots}).");
        if (MaxOpenOrders is < 0 or > 100_000)
            errors.Add($"MaxOpenOrders must be between 0 and 100000, not {MaxOpenOrders}.");
        if (MaxSubmitsPerWindow is < 1 or > 100_000)
            errors.Add($"MaxSubmitsPerWindow must be between 1 and 100000, not {MaxSubmitsPerWindow}.");
        if (SubmitWindow <= TimeSpan.Zero || SubmitWindow > TimeSpan.FromHours(1))
            errors.Add($"SubmitWindow must be positive and at most one hour, not {SubmitWindow}.");
        Fraction(errors, nameof(MaxPriceDeviation), MaxPriceDeviation);
        if (MaxQuoteAge <= TimeSpan.Zero)
            errors.Add($"MaxQuoteAge must be positive, not {MaxQuoteAge}.");
        Fraction(errors, nameof(MaxAccountDrawdown), MaxAccountDrawdown);
        Fraction(errors, nameof(MaxStrategyDrawdown), MaxStrategyDrawdown);
        if (!(ConfidenceFloor >= 0.0 && ConfidenceFloor < 1.0))
            errors.Add($"ConfidenceFloor must be at least 0 and below 1, not {ConfidenceFloor}.");
        if (TradingHours is null)
            errors.Add("TradingHours must be set (TradingHours.Always for no restriction).");
        return errors;
    }

    private static void Positive(List<string> errors, string name, decimal value)
    {
        if (value <= 0m)
            errors.Add($"{name} must be positive, not {value}.");
    }

    private static void Fraction(List<string> errors, string name, decimal value)
    {
        if (value is <= 0m or > 1m)
            errors.Add($"{name} must be a fraction above 0 and at most 1, not {value}.");
    }
}
