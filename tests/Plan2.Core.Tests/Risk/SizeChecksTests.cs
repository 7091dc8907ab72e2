using Plan2.Core.Risk;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Risk.RiskFixture;

namespace Plan2.Core.Tests.Risk;

public class SizeChecksTests
{
    [Theory]
    [InlineData(10, true)]
    [InlineData(10.01, false)]
    public void OrderSize_AroundMaxOrderLots_DeniesAbove(decimal lots, bool approved) =>
        Assert.Equal(approved, SizeChecks.OrderSize(Order(lots: lots), Context()).IsApproved);

    [Fact]
    public void OrderNotional_ConvertedToAccountCurrency_IsComparedWithTheLimit()
    {
        // buy 5 lots at the ask 1.10020: 5 × 100,000 × 1.1002 = 550,100 USD; × 2 (an account in a currency worth half) = 1,100,200 > 1,000,000
        var decision = SizeChecks.OrderNotional(Order(lots: 5m), Context() with { QuoteToAccountRate = 2m });

        Assert.Equal(RiskReason.MaxOrderNotional, decision.Reason);
        Assert.Contains("1100200", decision.Message, StringComparison.Ordinal);
        Assert.True(SizeChecks.OrderNotional(Order(lots: 5m), Context()).IsApproved);
    }

    [Fact]
    public void ReduceOnly_OppositeSideWithinPosition_IsApproved() =>
        Assert.True(SizeChecks.ReduceOnly(Order(lots: 1m, side: OrderSide.Sell, reduceOnly: true), Context().WithAccount(net: 1.5m)).IsApproved);

    [Theory]
    [InlineData(0, "Sell", 1)]   // nothing to reduce
    [InlineData(1.5, "Buy", 1)]  // same side grows the long
    [InlineData(1.5, "Sell", 2)] // more than held would flip to short
    public void ReduceOnly_ThatWouldNotReduce_IsDenied(decimal net, string side, decimal lots) =>
        Assert.Equal(RiskReason.ReduceOnlyWouldIncrease,
            SizeChecks.ReduceOnly(Order(lots: lots, side: Enum.Parse<OrderSide>(side), reduceOnly: true), Context().WithAccount(net: net)).Reason);

    [Theory]
    [InlineData(15, 5, true)]    // 15 + 5 = 20, the limit
    [InlineData(15, 5.01, false)]
    [InlineData(-19, 1, true)]   // a buy against a short shrinks it
    public void Position_NetAfterTheBuy_AgainstMaxPosition(decimal net, decimal lots, bool approved) =>
        Assert.Equal(approved, SizeChecks.Position(Order(lots: lots), Context().WithAccount(net: net)).IsApproved);

    [Fact]
    public void Position_AlreadyOverLimitAndReducing_IsApproved() =>
        // limits were lowered at run time under a 30-lot long: selling 5 leaves 25, still over 20, but smaller
        Assert.True(SizeChecks.Position(Order(lots: 5m, side: OrderSide.Sell), Context().WithAccount(net: 30m)).IsApproved);

    [Fact]
    public void GrossExposure_OrderPushingPastLimit_IsDenied()
    {
        // 4,900,000 held + 1 lot at the ask 1.10020 (110,020) = 5,010,020 > 5,000,000
        var context = Context().WithAccount(exposure: 4_900_000m);

        Assert.Equal(RiskReason.MaxGrossExposure, SizeChecks.GrossExposure(Order(), context).Reason);
        Assert.True(SizeChecks.GrossExposure(Order(side: OrderSide.Sell, reduceOnly: true), context).IsApproved);
    }

    [Fact]
    public void GrossExposure_WithinLimit_IsApproved() =>
        Assert.True(SizeChecks.GrossExposure(Order(), Context().WithAccount(exposure: 4_889_980m)).IsApproved); // + 110,020 = 5,000,000

    [Theory]
    // default MaxOrderLots 10, floor 0.5: allowed = 10 × (c − 0.5) / 0.5, floored to 0.01 lots
    [InlineData(0.9, 8, true)]     // 10 × 0.8 = 8
    [InlineData(0.9, 8.01, false)]
    [InlineData(0.75, 5, true)]    // 10 × 0.5 = 5
    public void Confidence_AiOrder_IsCappedByItsConfidence(double confidence, decimal lots, bool approved)
    {
        var decision = SizeChecks.Confidence(Order(lots: lots, confidence: confidence), Context());

        Assert.Equal(approved, decision.IsApproved);
        if (!approved) Assert.Equal(RiskReason.ConfidenceSizeExceeded, decision.Reason);
    }

    [Fact]
    public void Confidence_AtTheFloor_EarnsNoSize() =>
        Assert.Equal(RiskReason.ConfidenceTooLow, SizeChecks.Confidence(Order(lots: 0.01m, confidence: 0.5), Context()).Reason);

    [Fact]
    public void Confidence_ManualOrder_IsNotScaled() =>
        Assert.True(SizeChecks.Confidence(Order(lots: 10m), Context()).IsApproved);
}
