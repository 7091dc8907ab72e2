using Plan2.Core.Risk;
using static Plan2.Core.Tests.Risk.RiskFixture;

namespace Plan2.Core.Tests.Risk;

public class RiskEngineTests
{
    [Fact]
    public void Evaluate_OrdinaryOrderInCalmMarket_IsApproved()
    {
        var decision = RiskEngine.Evaluate(Order(), Context());

        Assert.True(decision.IsApproved);
        Assert.Null(decision.Message);
    }

    [Fact]
    public void Evaluate_SeveralBreaches_FirstCheckInTheChainWins()
    {
        var context = Context() with { KillSwitches = new KillSwitches(false, true, false) };

        var decision = RiskEngine.Evaluate(Order(lots: 50m), context); // also far above MaxOrderLots

        Assert.Equal(RiskReason.TenantKillSwitch, decision.Reason);
    }

    [Fact]
    public void Evaluate_ContextForAnotherSymbol_IsACallerBug() =>
        Assert.Throws<ArgumentException>(() => RiskEngine.Evaluate(Order() with { Symbol = "GBPUSD" }, Context()));

    [Fact]
    public void Chain_InOrder_HasEveryCheckOnceWithTheRateLimitLast()
    {
        Assert.Equal(16, RiskEngine.Chain.Count);
        Assert.Equal(RiskEngine.Chain.Count, RiskEngine.Chain.Distinct().Count());
        Assert.Equal(nameof(AccountChecks.SubmitRate), RiskEngine.Chain[^1].Method.Name);
        Assert.Equal(nameof(GuardChecks.KillSwitch), RiskEngine.Chain[0].Method.Name);
    }

    [Fact]
    public void EvaluateAndRecord_DeniedOrders_DoNotUseUpTheRateLimit()
    {
        var window = new SubmitRateWindow();
        var context = Context(window: window);

        for (var i = 0; i < 5; i++)
            Assert.False(RiskEngine.EvaluateAndRecord(Order(lots: 50m), context).IsApproved);
        Assert.True(RiskEngine.EvaluateAndRecord(Order(), context).IsApproved);

        Assert.Equal(1, window.Recorded);
    }

    [Fact]
    public void Evaluate_LimitsChangedAtRunTime_ApplyFromTheNextOrder()
    {
        var order = Order(lots: 5m);
        Assert.True(RiskEngine.Evaluate(order, Context()).IsApproved);

        var tightened = RiskLimits.Default with { MaxOrderLots = 2m };

        Assert.Equal(RiskReason.MaxOrderSize, RiskEngine.Evaluate(order, Context(tightened)).Reason);
    }

    [Fact]
    public void Evaluate_ApprovedOrder_AllocatesNothing()
    {
        var order = Order(type: Plan2.Core.Trading.Orders.OrderType.Limit, limit: "1.09900", confidence: 0.9, strategy: "S-1");
        var context = Context() with { Strategy = new StrategyRiskState(1_000m, 1_000m, false) };
        RiskEngine.Evaluate(order, context); // warm up: static initialisers, JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            Assert.True(RiskEngine.Evaluate(order, context).IsApproved);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
