namespace Plan2.Core.Tenancy;

/// <summary>Per-tenant limits and preferences. Defaults are what a new tenant gets.</summary>
public sealed record TenantSettings
{
    public string BaseCurrency { get; init; } = "USD";
    public int MaxUsers { get; init; } = 25;
    public int ApiRequestsPerMinute { get; init; } = 600;
    public int MaxOpenOrders { get; init; } = 100;
    /// <summary>Largest notional of one order, in the base currency; money is decimal, never double.</summary>
    public decimal MaxOrderNotional { get; init; } = 1_000_000m;

    public const int MaxApiRequestsPerMinute = 100_000_000;

    public static TenantSettings Default { get; } = new();

    /// <summary>Every violation at once, so a caller can fix them all in one go.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseCurrency is null || BaseCurrency.Length != 3 || !BaseCurrency.All(char.IsAsciiLetterUpper))
            errors.Add($"BaseCurrency must be a three-letter ISO 4217 code in capitals, not '{BaseCurrency}'.");
        if (MaxUsers is < 1 or > 10_000)
            errors.Add($"MaxUsers must be between 1 and 10000, not {MaxUsers}.");
        // Up to 100 million a minute (1.7 million a second): a node serves tens of thousands a second, so the cap must not be what limits a large integrator.
        if (ApiRequestsPerMinute is < 1 or > MaxApiRequestsPerMinute)
            errors.Add($"ApiRequestsPerMinute must be between 1 and {MaxApiRequestsPerMinute}, not {ApiRequestsPerMinute}.");
        if (MaxOpenOrders is < 0 or > 100_000)
            errors.Add($"MaxOpenOrders must be between 0 and 100000, not {MaxOpenOrders}.");
        if (MaxOrderNotional <= 0m)
            errors.Add($"MaxOrderNotional must be positive, not {MaxOrderNotional}.");
        return errors;
    }
}
