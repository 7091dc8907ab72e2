using Plan2.Core.Risk;

namespace Plan2.Core.Tests.Risk;

public class DrawdownGuardTests
{
    [Fact]
    public void Update_NewHigh_RaisesTheHighWaterMark()
    {
        var guard = new DrawdownGuard(0.10m, 1_000m);

        guard.Update(1_200m);
        guard.Update(1_150m);

        Assert.Equal(1_200m, guard.HighWaterMark);
        Assert.False(guard.Halted);
    }

    [Fact]
    public void Update_FallTenPercentFromTheHigh_HaltsOnce()
    {
        var guard = new DrawdownGuard(0.10m, 1_000m);
        guard.Update(1_200m);

        Assert.False(guard.Update(1_080.01m)); // (1,200 − 1,080.01) / 1,200 = 9.999 %
        Assert.True(guard.Update(1_080m));     // exactly 10 %
        Assert.False(guard.Update(1_000m));    // already halted: reported once
        Assert.True(guard.Halted);
    }

    [Fact]
    public void Update_RecoveryAfterHalt_StaysHaltedUntilResumed()
    {
        var guard = new DrawdownGuard(0.10m, 1_000m);
        guard.Update(850m);

        guard.Update(1_300m);
        Assert.True(guard.Halted);
        Assert.True(guard.ToRiskState().Halted);

        guard.Resume();
        Assert.False(guard.Halted);
        Assert.Equal(1_300m, guard.HighWaterMark);
    }

    [Fact]
    public void Resume_AfterLoss_RestartsTheHighFromCurrentEquity()
    {
        var guard = new DrawdownGuard(0.10m, 1_000m);
        guard.Update(800m);

        guard.Resume();

        Assert.Equal(800m, guard.HighWaterMark);
        Assert.False(guard.Update(721m)); // (800 − 721) / 800 = 9.875 %
    }

    [Theory]
    [InlineData(900, 1000, 0.1)]
    [InlineData(1000, 1000, 0)]
    [InlineData(1100, 1000, 0)]
    [InlineData(-5, 0, 0)] // no positive high yet: nothing to draw down from
    public void Drawdown_EquityAgainstHigh_IsTheFractionBelowIt(decimal equity, decimal high, decimal expected) =>
        Assert.Equal(expected, DrawdownGuard.Drawdown(equity, high));
}
