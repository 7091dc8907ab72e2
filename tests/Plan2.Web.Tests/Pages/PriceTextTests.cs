using Plan2.Web.Services.Trading;

namespace Plan2.Web.Tests.Pages;

public sealed class PriceTextTests
{
    [Theory]
    [InlineData("NZDUSD", "0.6215", "0.62150")] // five digits, though the quote needs four
    [InlineData("EURUSD", "1.04839", "1.04839")]
    [InlineData("USDJPY", "150.1", "150.100")] // a JPY pair has three
    [InlineData("NOSUCH", "1.5", "1.5")] // an instrument the catalog does not know: as it comes
    public void APrice_IsWrittenWithItsInstrumentsDigits(string symbol, string price, string shown) =>
        Assert.Equal(shown, PriceText.Of(symbol, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void NoPrice_IsADash() => Assert.Equal("–", PriceText.Of("EURUSD", (decimal?)null));
}
