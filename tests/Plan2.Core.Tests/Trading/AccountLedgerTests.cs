using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Tests.Trading;

public class AccountLedgerTests
{
    private static readonly Instrument EurUsd = new()
    {
        Symbol = "EURUSD", Digits = 5, TickSize = Price.FromDecimal(0.00001m), BaseCurrency = "EUR", QuoteCurrency = "USD",
    };
    private static readonly InstrumentCatalog Catalog = new([EurUsd]);
    private static readonly DateTimeOffset Day1 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static Tick Quote(DateTimeOffset at, decimal bid, decimal ask) => new(at.ToUnixTimeMilliseconds(), Price.FromDecimal(bid), Price.FromDecimal(ask));

    private static void Trade(AccountLedger ledger, string id, OrderSide side, decimal price, DateTimeOffset at, decimal commission = 0m) =>
        Assert.True(ledger.BookFill(new Fill(id, "o-" + id, "EURUSD", side, 1m, Price.FromDecimal(price), at, commission), EurUsd, Quote(at, price, price)).IsOk);

    private static QuoteBoard Board(DateTimeOffset at, decimal bid, decimal ask)
    {
        var board = new QuoteBoard();
        board.Set("EURUSD", Quote(at, bid, ask));
        return board;
    }

    [Fact]
    public void DayPnl_CountsOnlyTodaysRealisedPnl_AfterCosts()
    {
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");
        ledger.Deposit(10_000m);
        Trade(ledger, "t1", OrderSide.Buy, 1.10000m, Day1);
        Trade(ledger, "t2", OrderSide.Sell, 1.10100m, Day1.AddHours(1), commission: 3m); // +100 − 3 today
        var day2 = Day1.AddDays(1);
        Trade(ledger, "t3", OrderSide.Buy, 1.10100m, day2, commission: 2m);
        Trade(ledger, "t4", OrderSide.Sell, 1.10050m, day2.AddHours(1)); // −50 − 2 on day 2

        var onDay2 = ledger.RiskState("EURUSD", Catalog, Board(day2, 1.1m, 1.1m), day2.AddHours(2));
        var onDay3 = ledger.RiskState("EURUSD", Catalog, Board(day2, 1.1m, 1.1m), day2.AddDays(1));

        Assert.Equal(-52m, onDay2.DayPnl);
        Assert.Equal(0m, onDay3.DayPnl);
        Assert.Equal(10_045m, ledger.Cash);
        Assert.Equal(10_097m, onDay2.EquityHighWaterMark); // after day 1's profit
    }

    [Fact]
    public void RiskState_AddsUnrealisedPnl_AndCountsWorkingOrders()
    {
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");
        ledger.Deposit(1_000m);
        Trade(ledger, "t1", OrderSide.Buy, 1.10000m, Day1);
        ledger.Track("c1", OrderStatus.Accepted);
        ledger.Track("c2", OrderStatus.Filled);

        var state = ledger.RiskState("EURUSD", Catalog, Board(Day1, 1.09900m, 1.09910m), Day1);

        Assert.Equal((1m, 1, -100m, 900m), (state.NetPosition, state.OpenOrders, state.DayPnl, state.Equity));
        Assert.Equal(109_905m, state.GrossExposure);
        Assert.True(ledger.Knows("c2"));
    }

    [Fact]
    public void DayPnl_OfAPositionCarriedIntoTheDay_CountsFromItsMarkAtTheStart()
    {
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");
        ledger.Deposit(10_000m);
        Trade(ledger, "t1", OrderSide.Buy, 1.10000m, Day1);
        var day2 = Day1.AddDays(1);
        // Marked at 1.09000 when day 2 began (−1,000.00), at 1.08900 now (−1,100.00): the day lost 100.00.
        var state = ledger.RiskState("EURUSD", Catalog, Board(day2, 1.08900m, 1.08910m), day2, unrealizedAtDayStart: -1_000m);
        var unknownStart = ledger.RiskState("EURUSD", Catalog, Board(day2, 1.08900m, 1.08910m), day2);

        Assert.Equal((-100m, 8_900m), (state.DayPnl, state.Equity));
        Assert.Equal(-1_100m, unknownStart.DayPnl); // no mark at the start: all of it counts, as before
    }

    [Fact]
    public void SameTradeTwice_IsBookedOnce()
    {
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");
        Trade(ledger, "t1", OrderSide.Buy, 1.10000m, Day1);

        var again = ledger.BookFill(new Fill("t1", "o-t1", "EURUSD", OrderSide.Buy, 1m, Price.FromDecimal(1.1m), Day1), EurUsd, Quote(Day1, 1.1m, 1.1m));

        Assert.Equal(PositionRefusalReason.DuplicateTrade, again.Reason);
        Assert.Equal(1m, ledger.Book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void CanConvert_OnlyWhenTheAccountCurrencyIsOneOfThePair()
    {
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");

        Assert.True(ledger.CanConvert(EurUsd));
        Assert.False(ledger.CanConvert(EurUsd with { Symbol = "EURGBP", QuoteCurrency = "GBP" }));
    }
}
