using Plan2.Core.Risk;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Risk.RiskFixture;

namespace Plan2.Core.Tests.Risk;

public class AccountChecksTests
{
    [Theory]
    [InlineData(-4_999.99, true)]
    [InlineData(-5_000, false)]
    [InlineData(250, true)]
    public void DailyLoss_DayPnlAroundTheLimit_DeniesFromTheLimitOn(decimal dayPnl, bool approved) =>
        Assert.Equal(approved, AccountChecks.DailyLoss(Order(), Context().WithAccount(dayPnl: dayPnl)).IsApproved);

    [Fact]
    public void DailyLoss_LimitReachedButOrderCloses_IsApproved() =>
        Assert.True(AccountChecks.DailyLoss(Order(side: OrderSide.Sell, reduceOnly: true), Context().WithAccount(net: 1m, dayPnl: -6_000m)).IsApproved);

    [Theory]
    [InlineData(99, true)]
    [InlineData(100, false)]
    public void OpenOrders_CountAroundTheLimit_DeniesAtTheLimit(int open, bool approved)
    {
        var decision = AccountChecks.OpenOrders(Order(), Context().WithAccount(openOrders: open));

        Assert.Equal(approved, decision.IsApproved);
        if (!approved) Assert.Equal(RiskReason.MaxOpenOrders, decision.Reason);
    }

    [Fact]
    public void SubmitRate_HundredInTheLastSecond_DeniesTheNext()
    {
        var window = new SubmitRateWindow();
        for (var i = 0; i < 100; i++)
            window.Record(Now.AddMilliseconds(-999 + i), 100);

        var decision = AccountChecks.SubmitRate(Order(), Context(window: window));

        Assert.Equal(RiskReason.SubmitRate, decision.Reason);
        Assert.Contains("100 orders", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitRate_NinetyNineInTheLastSecond_Approves()
    {
        var window = new SubmitRateWindow();
        for (var i = 0; i < 99; i++)
            window.Record(Now.AddMilliseconds(-500), 100);

        Assert.True(AccountChecks.SubmitRate(Order(), Context(window: window)).IsApproved);
    }
}
