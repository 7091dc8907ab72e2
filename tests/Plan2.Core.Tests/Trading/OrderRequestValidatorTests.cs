using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Trading.OrderBuilder;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class OrderRequestValidatorTests
{
    private static OrderResult Validate(OrderRequest request) => OrderRequestValidator.Validate(request, Catalog(), T0);

    [Theory]
    [InlineData(OrderType.Market, null, null)]
    [InlineData(OrderType.Limit, "1.08500", null)]
    [InlineData(OrderType.Stop, null, "1.09000")]
    [InlineData(OrderType.StopLimit, "1.09010", "1.09000")]
    public void Validate_WellFormedOrderOfEachType_IsOk(OrderType type, string? limit, string? trigger) =>
        Assert.True(Validate(Request(type: type, limit: limit is null ? null : P(limit), trigger: trigger is null ? null : P(trigger))).IsOk);

    [Fact]
    public void Validate_UnknownSymbol_IsRefusedNamingIt()
    {
        var result = Validate(Request(symbol: "XAUUSD"));

        Assert.Equal(OrderRefusalReason.UnknownSymbol, result.Reason);
        Assert.Contains("XAUUSD", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingClientOrderId_IsRefused() =>
        Assert.Equal(OrderRefusalReason.MissingIdentity, Validate(Request() with { ClientOrderId = " " }).Reason);

    [Theory]
    [InlineData("0", OrderRefusalReason.NonPositiveQuantity)]
    [InlineData("-0.5", OrderRefusalReason.NonPositiveQuantity)]
    [InlineData("0.015", OrderRefusalReason.QuantityOffLotStep)]
    [InlineData("100.01", OrderRefusalReason.QuantityAboveMaximum)]
    public void Validate_BadQuantity_IsRefusedWithItsReason(string lots, OrderRefusalReason expected) =>
        Assert.Equal(expected, Validate(Request(quantity: decimal.Parse(lots, System.Globalization.CultureInfo.InvariantCulture))).Reason);

    [Fact]
    public void Validate_BelowMinimumLot_IsRefused()
    {
        var catalog = new Plan2.Core.Trading.Instruments.InstrumentCatalog([EurUsd with { MinLot = 0.1m }]);

        Assert.Equal(OrderRefusalReason.QuantityBelowMinimum, OrderRequestValidator.Validate(Request(quantity: 0.05m), catalog, T0).Reason);
    }

    [Theory]
    [InlineData(OrderType.Limit, null, null, OrderRefusalReason.MissingPrice)]
    [InlineData(OrderType.Stop, null, null, OrderRefusalReason.MissingPrice)]
    [InlineData(OrderType.StopLimit, "1.1", null, OrderRefusalReason.MissingPrice)]
    [InlineData(OrderType.Market, "1.1", null, OrderRefusalReason.UnexpectedPrice)]
    [InlineData(OrderType.Limit, "1.1", "1.1", OrderRefusalReason.UnexpectedPrice)]
    [InlineData(OrderType.Limit, "0", null, OrderRefusalReason.NonPositivePrice)]
    [InlineData(OrderType.Limit, "1.100005", null, OrderRefusalReason.PriceOffTick)]
    [InlineData(OrderType.Stop, null, "1.0999999", OrderRefusalReason.PriceOffTick)]
    public void Validate_BadPrices_AreRefusedWithTheirReason(OrderType type, string? limit, string? trigger, OrderRefusalReason expected) =>
        Assert.Equal(expected, Validate(Request(type: type, limit: limit is null ? null : P(limit), trigger: trigger is null ? null : P(trigger))).Reason);

    [Fact]
    public void Validate_PriceOffTick_SaysTheTickSize()
    {
        var result = Validate(Request(type: OrderType.Limit, limit: P("1.100005")));

        Assert.Contains("0.00001", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GtdWithoutExpiry_IsRefused() =>
        Assert.Equal(OrderRefusalReason.MissingExpireTime, Validate(Request(type: OrderType.Limit, limit: P("1.1"), tif: TimeInForce.Gtd)).Reason);

    [Fact]
    public void Validate_GtdExpiringNow_IsRefused() =>
        Assert.Equal(OrderRefusalReason.ExpireTimeNotInFuture,
            Validate(Request(type: OrderType.Limit, limit: P("1.1"), tif: TimeInForce.Gtd, expireAt: T0)).Reason);

    [Fact]
    public void Validate_ExpiryOnGtcOrder_IsRefused() =>
        Assert.Equal(OrderRefusalReason.UnexpectedExpireTime,
            Validate(Request(type: OrderType.Limit, limit: P("1.1"), expireAt: T0.AddDays(1))).Reason);

    [Theory]
    [InlineData(TimeInForce.Ioc)]
    [InlineData(TimeInForce.Fok)]
    public void Validate_ImmediateTimeInForceOnStop_IsRefused(TimeInForce tif) =>
        Assert.Equal(OrderRefusalReason.TimeInForceNotAllowed, Validate(Request(type: OrderType.Stop, trigger: P("1.2"), tif: tif)).Reason);

    [Theory]
    [InlineData(TimeInForce.Ioc)]
    [InlineData(TimeInForce.Fok)]
    [InlineData(TimeInForce.Day)]
    public void Validate_OtherTimeInForceOnMarketOrder_IsOk(TimeInForce tif) =>
        Assert.True(Validate(Request(tif: tif)).IsOk);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Validate_ConfidenceOutsideUnitInterval_IsRefused(double confidence) =>
        Assert.Equal(OrderRefusalReason.InvalidConfidence, Validate(Request() with { Confidence = confidence }).Reason);
}
