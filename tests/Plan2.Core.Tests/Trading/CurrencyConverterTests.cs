using Plan2.Core.Trading.Money;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class CurrencyConverterTests
{
    [Fact]
    public void TryConvert_SameCurrency_IsUnchanged()
    {
        Assert.True(new CurrencyConverter(new QuoteBoard()).TryConvert(123.45m, "USD", "USD", out var usd));
        Assert.Equal(123.45m, usd);
    }

    [Fact]
    public void TryConvert_DirectPair_MultipliesByMid()
    {
        // EURUSD mid = (1.08000 + 1.08020) / 2 = 1.0801; 100 EUR × 1.0801 = 108.01 USD
        var converter = new CurrencyConverter(Board(("EURUSD", "1.08000", "1.08020")));

        Assert.True(converter.TryConvert(100m, "EUR", "USD", out var usd));
        Assert.Equal(108.01m, usd);
    }

    [Fact]
    public void TryConvert_JpyToUsdAccount_DividesByUsdJpyMid()
    {
        // USDJPY P&L is in JPY. Mid = (149.990 + 150.010) / 2 = 150; 15,000 JPY / 150 = 100 USD
        var converter = new CurrencyConverter(Board(("USDJPY", "149.990", "150.010")));

        Assert.True(converter.TryConvert(15_000m, "JPY", "USD", out var usd));
        Assert.Equal(100m, usd);
    }

    [Fact]
    public void TryConvert_EurGbpPnlToUsdAccount_UsesGbpUsd()
    {
        // EURGBP P&L is in GBP; GBPUSD mid = (1.26990 + 1.27010) / 2 = 1.27; 100 GBP × 1.27 = 127 USD
        var converter = new CurrencyConverter(Board(("EURGBP", "0.85000", "0.85010"), ("GBPUSD", "1.26990", "1.27010")));

        Assert.True(converter.TryConvert(100m, "GBP", "USD", out var usd));
        Assert.Equal(127m, usd);
    }

    [Fact]
    public void TryConvert_NoDirectPair_CrossesThroughUsd()
    {
        // CHF→SEK: CHF→USD = 1 / USDCHF mid 0.9; USD→SEK = USDSEK mid 10.5. 90 CHF = 100 USD = 1,050 SEK
        var converter = new CurrencyConverter(Board(("USDCHF", "0.89990", "0.90010"), ("USDSEK", "10.49990", "10.50010")));

        Assert.True(converter.TryConvert(90m, "CHF", "SEK", out var sek));
        Assert.Equal(1050m, sek); // 90 × 10.5 ÷ 0.9, exact: the inverted leg divides rather than multiplying by 1/0.9
    }

    [Fact]
    public void TryConvert_NoUsdLegs_CrossesThroughEur()
    {
        // NOK→SEK: NOK→EUR = 1 / EURNOK mid 11.7; EUR→SEK = EURSEK mid 11.5. 117 NOK = 10 EUR = 115 SEK
        var converter = new CurrencyConverter(Board(("EURNOK", "11.69990", "11.70010"), ("EURSEK", "11.49990", "11.50010")));

        Assert.True(converter.TryConvert(117m, "NOK", "SEK", out var sek));
        Assert.Equal(115m, sek); // 117 × 11.5 ÷ 11.7
    }

    [Fact]
    public void TryGetRate_InvertedPair_IsItsReciprocal()
    {
        Assert.True(new CurrencyConverter(Board(("USDJPY", "159.990", "160.010"))).TryGetRate("JPY", "USD", out var rate));
        Assert.Equal(0.00625m, rate.Value); // 1 / 160
    }

    [Fact]
    public void TryGetRate_PivotsGivenByCaller_AreTheOnlyOnesTried()
    {
        var board = Board(("EURNOK", "11.69990", "11.70010"), ("EURSEK", "11.49990", "11.50010"));

        Assert.False(new CurrencyConverter(board, ["USD"]).TryGetRate("NOK", "SEK", out _));
    }

    [Fact]
    public void TryConvert_NoRouteAtAll_IsFalse() =>
        Assert.False(new CurrencyConverter(Board(("EURUSD", "1.08", "1.09"))).TryConvert(1m, "JPY", "CHF", out _));

    [Fact]
    public void TryConvert_QuoteWithZeroPrice_IsNotUsed() =>
        Assert.False(new CurrencyConverter(Board(("EURUSD", "0", "1.09"))).TryConvert(1m, "EUR", "USD", out _));
}
