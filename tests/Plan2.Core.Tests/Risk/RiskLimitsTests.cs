using Plan2.Core.Risk;

namespace Plan2.Core.Tests.Risk;

public class RiskLimitsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors() => Assert.Empty(RiskLimits.Default.Validate());

    [Fact]
    public void Default_SubmitRate_IsOneHundredPerSecond() =>
        Assert.Equal((100, TimeSpan.FromSeconds(1)), (RiskLimits.Default.MaxSubmitsPerWindow, RiskLimits.Default.SubmitWindow));

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryViolation()
    {
        var limits = new RiskLimits
        {
            MaxOrderLots = 0m, MaxOrderNotional = -1m, MaxPositionLots = 0m, MaxGrossExposure = 0m, MaxDailyLoss = -5m,
            MaxOpenOrders = -1, MaxSubmitsPerWindow = 0, SubmitWindow = TimeSpan.Zero, MaxPriceDeviation = 0m,
            MaxQuoteAge = TimeSpan.FromSeconds(-1), MaxAccountDrawdown = 1.5m, MaxStrategyDrawdown = 0m, ConfidenceFloor = 1.0,
            TradingHours = null!,
        };

        var errors = limits.Validate();

        Assert.Equal(14, errors.Count);
        foreach (var field in new[] { "MaxOrderLots", "MaxDailyLoss", "SubmitWindow", "MaxAccountDrawdown", "ConfidenceFloor", "TradingHours" })
            Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OrderLargerThanPositionLimit_IsInconsistent()
    {
        var error = Assert.Single((RiskLimits.Default with { MaxOrderLots = 30m }).Validate());
        Assert.Contains("MaxPositionLots", error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_AccountOverrides_ReplaceOnlyTheFieldsTheAccountSets()
    {
        var tenant = RiskLimits.Default with { MaxOrderLots = 5m, MaxDailyLoss = 2_000m };
        var account = new RiskLimitOverrides { MaxDailyLoss = 500m, MaxSubmitsPerWindow = 10, TradingHours = TradingHours.ForexWeek };

        var effective = tenant.With(account);

        Assert.Equal(5m, effective.MaxOrderLots); // inherited from the tenant
        Assert.Equal(500m, effective.MaxDailyLoss); // the account's own
        Assert.Equal(10, effective.MaxSubmitsPerWindow);
        Assert.Same(TradingHours.ForexWeek, effective.TradingHours);
        Assert.Equal(2_000m, tenant.MaxDailyLoss); // the tenant's set is untouched
    }

    [Fact]
    public void ForTenant_TenantSettings_AreTheSourceOfTheirTwoLimits()
    {
        var tenant = Plan2.Core.Tenancy.TenantSettings.Default with { MaxOpenOrders = 7, MaxOrderNotional = 50_000m };

        var limits = RiskLimits.ForTenant(tenant, RiskLimits.Default with { MaxDailyLoss = 900m });

        Assert.Equal((7, 50_000m, 900m), (limits.MaxOpenOrders, limits.MaxOrderNotional, limits.MaxDailyLoss));
    }

    [Fact]
    public void With_NoOverrides_IsEqualToTheTenantLimits() =>
        Assert.Equal(RiskLimits.Default, RiskLimits.Default.With(RiskLimitOverrides.None));
}
