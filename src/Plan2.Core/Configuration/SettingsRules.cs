using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;

namespace Plan2.Core.Configuration;

/// <summary>What makes each kind of setting valid on its own (the grain that uses it may refuse more, e.g. limits above the tenant's).</summary>
public static class SettingsRules
{
    /// <summary>An account's overrides, judged on top of the platform defaults.</summary>
    public static IReadOnlyList<string> Risk(RiskLimitOverrides overrides) => RiskLimits.Default.With(overrides).Validate();

    public static IReadOnlyList<string> Strategy(StrategySettings settings, AiStrategySettings thresholds) =>
        [.. settings.Validate(), .. thresholds.Validate()];

    public static IReadOnlyList<string> Feed(TickValidationOptions options) => options.Validate();
}
