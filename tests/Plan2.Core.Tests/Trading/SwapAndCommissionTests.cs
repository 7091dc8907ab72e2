using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class SwapAndCommissionTests
{
    // Swap in points per lot per night, MT5 style: pay 7.5 points long, earn 2.1 short; USDJPY earns 10 long.
    private static readonly Instrument EurUsdSwap = EurUsd with { SwapLongPoints = -7.5m, SwapShortPoints = 2.1m };
    private static readonly Instrument UsdJpySwap = UsdJpy with { SwapLongPoints = 10m };
    private static readonly InstrumentCatalog Swaps = new([EurUsdSwap, UsdJpySwap]);
    private readonly CurrencyConverter _usd = new(Board(("USDJPY", "149.990", "150.010")));

    private static Fill Fill(string id, string symbol, OrderSide side, decimal lots, string price, decimal commission = 0m, long? ticket = null) =>
        new(id, "O", symbol, side, lots, P(price), T0, commission, ticket);

    [Fact]
    public void ApplyRollover_OrdinaryNight_ChargesLongAndCreditsShort()
    {
        var book = new PositionBook("ACC", AccountMode.Hedging, "USD");
        book.Apply(Fill("A", "EURUSD", OrderSide.Buy, 1m, "1.1"), EurUsdSwap, _usd);
        book.Apply(Fill("B", "EURUSD", OrderSide.Sell, 2m, "1.1"), EurUsdSwap, _usd);

        Assert.True(book.ApplyRollover(DayOfWeek.Monday, Swaps, _usd).IsOk);

        // long: 1 × 100,000 × −7.5 × 0.00001 = −7.50 USD; short: 2 × 100,000 × 2.1 × 0.00001 = +4.20 USD
        Assert.Equal([-7.50m, 4.20m], book.Open.OrderBy(p => p.Ticket).Select(p => p.Swap));
        Assert.Equal(-3.30m, book.Swap);
    }

    [Fact]
    public void ApplyRollover_TripleSwapDay_ChargesThreeNights()
    {
        var book = new PositionBook("ACC", AccountMode.Netting, "USD");
        book.Apply(Fill("A", "EURUSD", OrderSide.Buy, 1m, "1.1"), EurUsdSwap, _usd);

        book.ApplyRollover(DayOfWeek.Wednesday, Swaps, _usd);

        Assert.Equal(-22.50m, book.Swap); // 3 × −7.50
    }

    [Fact]
    public void ApplyRollover_JpyQuotedSwap_IsConvertedToAccountCurrency()
    {
        var book = new PositionBook("ACC", AccountMode.Netting, "USD");
        book.Apply(Fill("A", "USDJPY", OrderSide.Buy, 1m, "150.000"), UsdJpySwap, _usd);

        book.ApplyRollover(DayOfWeek.Monday, Swaps, _usd);

        // 1 × 100,000 × 10 × 0.001 = 1,000 JPY; ÷ USDJPY mid 150 = 6.666… → 6.67 USD
        Assert.Equal(6.67m, book.Swap);
    }

    [Fact]
    public void ApplyRollover_MissingRate_RefusesTheWholeRollover()
    {
        var book = new PositionBook("ACC", AccountMode.Hedging, "USD");
        book.Apply(Fill("A", "EURUSD", OrderSide.Buy, 1m, "1.1"), EurUsdSwap, _usd);
        book.Apply(Fill("B", "USDJPY", OrderSide.Buy, 1m, "150"), UsdJpySwap, _usd);

        var result = book.ApplyRollover(DayOfWeek.Monday, Swaps, new CurrencyConverter(new QuoteBoard()));

        Assert.Equal(PositionRefusalReason.NoConversionRate, result.Reason);
        Assert.Equal(0m, book.Swap); // EURUSD needed no conversion, yet was not charged either: all or nothing
    }

    [Fact]
    public void NetPnl_RoundTripWithCommissionAndSwap_IsRealisedPlusSwapMinusCommission()
    {
        var book = new PositionBook("ACC", AccountMode.Netting, "USD");
        book.Apply(Fill("A", "EURUSD", OrderSide.Buy, 1m, "1.10000", commission: 3.50m), EurUsdSwap, _usd);
        book.ApplyRollover(DayOfWeek.Monday, Swaps, _usd);
        book.Apply(Fill("B", "EURUSD", OrderSide.Sell, 1m, "1.10200", commission: 3.50m), EurUsdSwap, _usd);

        var trade = Assert.Single(book.Closed);
        // realised 1 × 100,000 × 0.002 = 200.00; swap −7.50; commission 3.50 + 3.50 = 7.00; net 200 − 7.5 − 7 = 185.50
        Assert.Equal((200.00m, -7.50m, 7.00m, 185.50m), (trade.RealizedPnl, trade.Swap, trade.Commission, trade.NetPnl));
        Assert.Equal(185.50m, book.NetRealizedPnl);
    }
}
