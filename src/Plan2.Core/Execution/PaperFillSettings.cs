namespace Plan2.Core.Execution;

/// <summary>
/// How the paper venue turns quotes into fills. Defaults are a frictionless venue except for the
/// spread, which is always paid (buys at the ask, sells at the bid); set the rest to taste.
/// </summary>
public sealed record PaperFillSettings
{
    /// <summary>Time from our submission to the venue seeing the order: it fills on the first quote at or after submit + latency.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;
    /// <summary>Adverse slippage in the instrument's ticks added to every market-priced fill.</summary>
    public int SlippageTicks { get; init; }
    /// <summary>Further adverse slippage as a fraction of the quote's spread, rounded up to whole ticks.</summary>
    public decimal SlippageSpreadFraction { get; init; }
    /// <summary>Lots available per quote and side, shared by the orders in arrival order; null means unlimited.</summary>
    public decimal? DepthPerQuote { get; init; }
    /// <summary>Commission per lot and side, in account currency, booked on every fill (rounded to cents).</summary>
    public decimal CommissionPerLot { get; init; }

    public static PaperFillSettings Default { get; } = new();

    /// <summary>Every violation at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Latency < TimeSpan.Zero)
            errors.Add($"Latency must not be negative, not {Latency}.");
        if (SlippageTicks < 0)
            errors.Add($"SlippageTicks must not be negative, not {SlippageTicks}.");
        if (SlippageSpreadFraction < 0m)
            errors.Add($"SlippageSpreadFraction must not be negative, not {SlippageSpreadFraction}.");
        if (DepthPerQuote is <= 0m)
            errors.Add($"DepthPerQuote must be positive (or unset for unlimited), not {DepthPerQuote}.");
        if (CommissionPerLot < 0m)
            errors.Add($"CommissionPerLot is a charge and must not be negative, not {CommissionPerLot}.");
        return errors;
    }
}
