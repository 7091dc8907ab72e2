using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class PositionValuationTests
{
    private static PositionBook Book(AccountMode mode, params (string Symbol, OrderSide Side, decimal Lots, string Price)[] fills)
    {
        var book = new PositionBook("ACC", mode, "USD");
        var catalog = Catalog();
        var i = 0;
        foreach (var (symbol, side, lots, price) in fills)
        {
            catalog.TryGet(symbol, out var instrument);
            Assert.True(book.Apply(new Fill($"T{i++}", "O", symbol, side, lots, P(price), T0), instrument!, new CurrencyConverter(new QuoteBoard())).IsOk);
        }
        return book;
    }

    [Fact]
    public void TryUnrealizedPnl_Long_IsMarkedAtTheBid()
    {
        var book = Book(AccountMode.Netting, ("EURUSD", OrderSide.Buy, 1m, "1.10000"));
        var quotes = Board(("EURUSD", "1.10250", "1.10270"));

        Assert.True(PositionValuation.TryUnrealizedPnl(book, Catalog(), quotes, new CurrencyConverter(quotes), out var pnl));
        Assert.Equal(250.00m, pnl); // 1 × 100,000 × (1.10250 − 1.10000)
    }

    [Fact]
    public void TryUnrealizedPnl_Short_IsMarkedAtTheAsk()
    {
        var book = Book(AccountMode.Netting, ("EURUSD", OrderSide.Sell, 1m, "1.10000"));
        var quotes = Board(("EURUSD", "1.10250", "1.10270"));

        Assert.True(PositionValuation.TryUnrealizedPnl(book, Catalog(), quotes, new CurrencyConverter(quotes), out var pnl));
        Assert.Equal(-270.00m, pnl); // 1 × 100,000 × (1.10270 − 1.10000) × −1: the spread is paid
    }

    [Fact]
    public void TryUnrealizedPnl_UsdJpy_IsConvertedAtTheCurrentQuote()
    {
        var book = Book(AccountMode.Netting, ("USDJPY", OrderSide.Buy, 2m, "150.000"));
        var quotes = Board(("USDJPY", "151.000", "151.020"));

        Assert.True(PositionValuation.TryUnrealizedPnl(book, Catalog(), quotes, new CurrencyConverter(quotes), out var pnl));
        // 2 × 100,000 × (151.000 − 150.000) = 200,000 JPY; ÷ mid 151.010 = 1,324.4156… → 1,324.42 USD
        Assert.Equal(1324.42m, pnl);
    }

    [Fact]
    public void TryUnrealizedPnl_MissingQuote_IsFalse()
    {
        var book = Book(AccountMode.Netting, ("EURGBP", OrderSide.Buy, 1m, "0.85"));
        var quotes = Board(("EURGBP", "0.85100", "0.85110")); // no GBPUSD: GBP cannot reach USD

        Assert.False(PositionValuation.TryUnrealizedPnl(book, Catalog(), quotes, new CurrencyConverter(quotes), out _));
    }

    [Fact]
    public void TryGrossExposure_LongAndShort_BothCountAtMidInAccountCurrency()
    {
        var book = Book(AccountMode.Hedging, ("EURUSD", OrderSide.Buy, 1m, "1.1"), ("USDJPY", OrderSide.Sell, 1m, "150.000"));
        var quotes = Board(("EURUSD", "1.10250", "1.10270"), ("USDJPY", "149.990", "150.010"));

        Assert.True(PositionValuation.TryGrossExposure(book, Catalog(), quotes, new CurrencyConverter(quotes), out var exposure));
        // EURUSD: 1 × 100,000 × 1.1026 = 110,260 USD; USDJPY: 1 × 100,000 × 150 = 15,000,000 JPY ÷ 150 = 100,000 USD
        Assert.Equal(210_260m, exposure);
    }

    [Fact]
    public void TryGrossExposure_IsInCents_NotEveryDigitOfTheMid()
    {
        var book = Book(AccountMode.Netting, ("EURUSD", OrderSide.Buy, 0.47m, "1.1"));
        var quotes = Board(("EURUSD", "1.11901", "1.11904"));

        Assert.True(PositionValuation.TryGrossExposure(book, Catalog(), quotes, new CurrencyConverter(quotes), out var exposure));
        // 0.47 × 100,000 × 1.119025 = 52,594.175 → 52,594.18, written with two decimals (it read "52594.1750000")
        Assert.Equal("52594.18", exposure.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
