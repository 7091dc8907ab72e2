using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class InstrumentTests
{
    [Fact]
    public void Validate_BrokerLikeFx_HasNoErrors() => Assert.Empty(EurUsd.Validate());

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryViolation()
    {
        var bad = new Instrument
        {
            Symbol = "", Digits = 9, TickSize = Price.Zero, ContractSize = 0m, LotStep = 0m, MinLot = 0m, MaxLot = 1m,
            BaseCurrency = "eur", QuoteCurrency = "US",
        };

        var errors = bad.Validate();

        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("TickSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("QuoteCurrency", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MinLotOffStep_IsReported() =>
        Assert.Single((EurUsd with { MinLot = 0.015m, LotStep = 0.01m }).Validate());

    [Theory]
    [InlineData("1.10000", true)]
    [InlineData("1.10001", true)]
    [InlineData("1.100005", false)]
    public void IsOnTick_FiveDigitPair_AcceptsOnlyWholePoints(string price, bool expected) =>
        Assert.Equal(expected, EurUsd.IsOnTick(P(price)));

    [Theory]
    [InlineData("0.10", true)]
    [InlineData("0.01", true)]
    [InlineData("0.015", false)]
    public void IsOnLotStep_HundredthLots_AcceptsMultiplesOnly(string lots, bool expected) =>
        Assert.Equal(expected, EurUsd.IsOnLotStep(decimal.Parse(lots, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FloorToLotStep_BetweenSteps_RoundsDown() => Assert.Equal(0.37m, EurUsd.FloorToLotStep(0.3799m));

    [Fact]
    public void Point_ThreeDigitPair_IsOneThousandth() => Assert.Equal(0.001m, UsdJpy.Point);

    [Fact]
    public void Notional_OneLotEurUsd_IsContractTimesPrice() =>
        // 1 lot × 100,000 EUR × 1.1 USD/EUR = 110,000 USD
        Assert.Equal(110_000m, EurUsd.Notional(1m, P("1.1")));

    [Fact]
    public void Catalog_SameSymbolTwice_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new InstrumentCatalog([EurUsd, EurUsd]));

    [Fact]
    public void Catalog_InvalidInstrument_IsRefusedWithItsErrors()
    {
        var error = Assert.Throws<ArgumentException>(() => new InstrumentCatalog([EurUsd with { ContractSize = -1m }]));
        Assert.Contains("ContractSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_UnknownSymbol_IsNotFound() => Assert.False(Catalog().TryGet("XAUUSD", out _));
}
