using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading;
using Plan2.Web.Services.Trading;

namespace Plan2.Web.Tests.Pages;

public sealed class PositionPnlTests
{
    [Fact]
    public void At_ValuesALongAtTheBid_AndAShortAtTheAsk_InTheAccountCurrency()
    {
        var quote = new QuoteView("EURUSD", 0, 1.10050m, 1.10060m);
        var longPosition = new PositionView(1, "EURUSD", TradeSide.Buy, 0.2m, 1.10000m, null, 0m);
        var shortPosition = longPosition with { Side = TradeSide.Sell };

        Assert.Equal(10.00m, PositionPnl.At(longPosition, quote, "USD", TradingInstruments.Default));   // 0.0005 × 20,000
        Assert.Equal(-12.00m, PositionPnl.At(shortPosition, quote, "USD", TradingInstruments.Default)); // −0.0006 × 20,000
    }

    [Fact]
    public void At_ConvertsThroughTheExitPrice_WhenTheAccountCurrencyIsTheBase()
    {
        var quote = new QuoteView("USDCAD", 0, 1.25000m, 1.25010m);
        var position = new PositionView(1, "USDCAD", TradeSide.Buy, 1m, 1.24000m, null, 0m);

        Assert.Equal(800.00m, PositionPnl.At(position, quote, "USD", TradingInstruments.Default)); // 1,000 CAD at 1.25
        Assert.Null(PositionPnl.At(position, quote, "EUR", TradingInstruments.Default));            // would need a cross rate
        Assert.Null(PositionPnl.At(position, null, "USD", TradingInstruments.Default));
    }
}
