using Plan2.Core.Risk;
using Plan2.Core.Tests.Trading;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Risk.RiskFixture;

namespace Plan2.Core.Tests.Risk;

public class MarketChecksTests
{
    private static readonly RiskLimits Forex = RiskLimits.Default with { TradingHours = TradingHours.ForexWeek };

    [Fact]
    public void TradingHours_InsideTheWeek_IsApproved() =>
        Assert.True(MarketChecks.TradingHours(Order(), Context(Forex)).IsApproved);

    [Fact]
    public void TradingHours_Saturday_IsDeniedNamingTheTime()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.Zero);

        var decision = MarketChecks.TradingHours(Order(), Context(Forex) with { Now = saturday });

        Assert.Equal(RiskReason.OutsideTradingHours, decision.Reason);
        Assert.Contains("Sat 12:00", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteFreshness_NoQuoteYet_IsDenied() =>
        Assert.Equal(RiskReason.NoQuote, MarketChecks.QuoteFreshness(Order(), Context() with { LastQuote = null }).Reason);

    [Fact]
    public void QuoteFreshness_QuoteOlderThanTheLimit_IsStale()
    {
        var context = Context() with { LastQuote = TestMarket.Quote("1.1", "1.1002", Now.AddSeconds(-10.001)) };

        Assert.Equal(RiskReason.StaleQuote, MarketChecks.QuoteFreshness(Order(), context).Reason);
    }

    [Fact]
    public void QuoteFreshness_QuoteExactlyAtTheLimit_IsApproved() =>
        Assert.True(MarketChecks.QuoteFreshness(Order(), Context() with { LastQuote = TestMarket.Quote("1.1", "1.1002", Now.AddSeconds(-10)) }).IsApproved);

    [Fact]
    public void QuoteFreshness_TighterLimitAtRunTime_MakesTheSameQuoteStale() =>
        Assert.Equal(RiskReason.StaleQuote,
            MarketChecks.QuoteFreshness(Order(), Context(RiskLimits.Default with { MaxQuoteAge = TimeSpan.FromMilliseconds(500) })).Reason);

    [Fact]
    public void ConversionRate_NotGiven_IsDeniedRatherThanSizedAtZero()
    {
        var context = Context() with { QuoteToAccountRate = 0m };

        Assert.Equal(RiskReason.NoConversionRate, RiskEngine.Evaluate(Order(lots: 10m), context).Reason);
        Assert.True(MarketChecks.ConversionRate(Order(), Context()).IsApproved);
    }

    [Theory]
    // mid = (1.10000 + 1.10020) / 2 = 1.10010; 5 % of it = 0.055005, so the collar is [1.045095, 1.155105]
    [InlineData("1.04510", true)]
    [InlineData("1.15510", true)]
    [InlineData("1.04509", false)]
    [InlineData("1.15511", false)]
    public void PriceCollar_LimitPrice_MustBeWithinFivePercentOfMid(string limit, bool approved) =>
        Assert.Equal(approved, MarketChecks.PriceCollar(Order(type: OrderType.Limit, limit: limit), Context()).IsApproved);

    [Fact]
    public void PriceCollar_TriggerFarAway_IsDenied()
    {
        var decision = MarketChecks.PriceCollar(Order(type: OrderType.Stop, trigger: "1.30000"), Context());

        Assert.Equal(RiskReason.PriceCollar, decision.Reason);
        Assert.Contains("trigger", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceCollar_MarketOrder_HasNoPriceToCheck() =>
        Assert.True(MarketChecks.PriceCollar(Order(), Context()).IsApproved);
}
