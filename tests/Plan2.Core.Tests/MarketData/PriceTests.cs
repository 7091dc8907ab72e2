using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.MarketData;

public class PriceTests
{
    [Theory]
    [InlineData("1.05155", 105_155_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("1934.5", 193_450_000_000L)]
    [InlineData("-0.5", -50_000_000L)]
    [InlineData("+2", 200_000_000L)]
    [InlineData("1.2345678900", 123_456_789L)]
    [InlineData("110.123", 11_012_300_000L)]
    public void TryParse_DecimalText_IsExact(string text, long units)
    {
        Assert.True(Price.TryParse(text, out var price));
        Assert.Equal(units, price.Units);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("1,2")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e5")]
    [InlineData("1.123456789")] // nine significant decimals: refused, not rounded
    [InlineData("99999999999999")] // beyond 92 billion
    public void TryParse_NotAPrice_IsRefused(string text) => Assert.False(Price.TryParse(text, out _));

    [Fact]
    public void Parse_ThenToString_RoundTripsShortestForm()
    {
        Assert.Equal("1.05155", Price.Parse("1.051550").ToString());
        Assert.Equal("1934.5", Price.Parse("1934.50").ToString());
    }

    [Fact]
    public void Arithmetic_IsExactWhereDoublesAreNot()
    {
        var sum = Price.Parse("0.1") + Price.Parse("0.2");

        Assert.Equal(Price.Parse("0.3"), sum);
        Assert.NotEqual(0.3, 0.1 + 0.2); // why prices are not doubles
    }

    [Fact]
    public void FromDouble_RoundsToNearestUnit_AndRefusesNonFinite()
    {
        Assert.Equal(Price.Parse("1.1"), Price.FromDouble(1.1));
        Assert.Null(Price.FromDouble(double.NaN));
        Assert.Null(Price.FromDouble(double.PositiveInfinity));
        Assert.Null(Price.FromDouble(1e12));
    }

    [Fact]
    public void FromDecimal_MoreThanEightDecimals_Throws() =>
        Assert.Throws<ArgumentException>(() => Price.FromDecimal(1.123456789m));

    [Fact]
    public void Overflow_IsAnError_NotAWrapAround() =>
        Assert.Throws<OverflowException>(() => new Price(long.MaxValue) + new Price(1));
}
