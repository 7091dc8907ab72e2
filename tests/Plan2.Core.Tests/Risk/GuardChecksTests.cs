using Plan2.Core.Risk;
using static Plan2.Core.Tests.Risk.RiskFixture;

namespace Plan2.Core.Tests.Risk;

public class GuardChecksTests
{
    [Theory]
    [InlineData(true, false, false, RiskReason.PlatformKillSwitch)]
    [InlineData(false, true, false, RiskReason.TenantKillSwitch)]
    [InlineData(false, false, true, RiskReason.AccountKillSwitch)]
    [InlineData(true, true, true, RiskReason.PlatformKillSwitch)] // the widest switch is named
    public void KillSwitch_AnyLevelOn_DeniesEvenClosingOrders(bool platform, bool tenant, bool account, RiskReason expected)
    {
        var context = Context() with { KillSwitches = new KillSwitches(platform, tenant, account) };

        Assert.Equal(expected, RiskEngine.Evaluate(Order(reduceOnly: true, side: Plan2.Core.Trading.Orders.OrderSide.Sell), context.WithAccount(net: 1m)).Reason);
    }

    [Fact]
    public void KillSwitch_AllOff_Approves() =>
        Assert.True(GuardChecks.KillSwitch(Order(), Context() with { KillSwitches = KillSwitches.AllOff }).IsApproved);

    [Fact]
    public void StrategyDrawdown_HaltedStrategy_IsDenied()
    {
        var context = Context() with { Strategy = new StrategyRiskState(1_000m, 1_000m, Halted: true) };

        Assert.Equal(RiskReason.StrategyHalted, GuardChecks.StrategyDrawdown(Order(strategy: "S-1"), context).Reason);
    }

    [Fact]
    public void StrategyDrawdown_PastItsLimit_IsDeniedWithTheFigures()
    {
        // high 1,000, equity 900: (1,000 − 900) / 1,000 = 10 %, the default limit
        var context = Context() with { Strategy = new StrategyRiskState(900m, 1_000m, false) };

        var decision = GuardChecks.StrategyDrawdown(Order(strategy: "S-1"), context);

        Assert.Equal(RiskReason.StrategyHalted, decision.Reason);
        Assert.Contains("10.00", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrategyDrawdown_JustInsideItsLimit_IsApproved() =>
        Assert.True(GuardChecks.StrategyDrawdown(Order(strategy: "S-1"), Context() with { Strategy = new StrategyRiskState(900.01m, 1_000m, false) }).IsApproved);

    [Fact]
    public void StrategyDrawdown_HaltedStrategyClosing_IsApproved() =>
        Assert.True(GuardChecks.StrategyDrawdown(Order(strategy: "S-1", reduceOnly: true), Context() with { Strategy = new StrategyRiskState(0m, 1_000m, true) }).IsApproved);

    [Fact]
    public void StrategyDrawdown_ManualOrder_IsNotAStrategysConcern() =>
        Assert.True(GuardChecks.StrategyDrawdown(Order(), Context() with { Strategy = new StrategyRiskState(0m, 1_000m, true) }).IsApproved);

    [Fact]
    public void AccountDrawdown_PastLimit_IsDenied() =>
        // high 10,000, equity 8,000: 20 %, the default limit
        Assert.Equal(RiskReason.AccountDrawdown, GuardChecks.AccountDrawdown(Order(), Context().WithAccount(equity: 8_000m)).Reason);

    [Fact]
    public void AccountDrawdown_InsideLimit_IsApproved() =>
        Assert.True(GuardChecks.AccountDrawdown(Order(), Context().WithAccount(equity: 8_000.01m)).IsApproved);
}
