using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

/// <summary>
/// The positions open at a period's start, rebuilt from the booked fills: folding the fills older than the longest
/// period into what they left open keeps memory bounded and rebuilds every later time exactly as before.
/// </summary>
public sealed class FillHistoryTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AccountMode.Netting)]
    [InlineData(AccountMode.Hedging)]
    public void Forget_FoldsTheOldFills_AndEveryLaterBookIsTheSame(AccountMode mode)
    {
        var folded = new FillHistory("ACC", mode, "USD");
        var whole = new FillHistory("ACC", mode, "USD");
        foreach (var h in new[] { folded, whole })
        {
            Add(h, "T1", OrderSide.Buy, 1.0m, "1.10000", Day1.AddHours(9));                    // ticket 1: long 1.0
            Add(h, "T2", OrderSide.Buy, 0.5m, "1.10300", Day1.AddHours(10));                   // netting: long 1.5 at 1.10100
            Add(h, "T3", OrderSide.Sell, 0.4m, "1.10500", Day1.AddDays(1), ticket: 1);          // a partial close
            Add(h, "T4", OrderSide.Sell, 2.0m, "1.32000", Day1.AddDays(2), symbol: "GBPUSD");  // short GBPUSD
            Add(h, "T5", OrderSide.Sell, 0.6m, "1.10700", Day1.AddDays(5), ticket: 1);          // closes the rest of ticket 1 (hedging)
            Add(h, "T6", OrderSide.Buy, 0.3m, "1.09000", Day1.AddDays(6));
        }

        folded.Forget(Day1.AddDays(3));

        Assert.Equal((2, Day1.AddDays(3)), (folded.Count, folded.KeptFrom)); // T1-T4 folded
        foreach (var at in new[] { Day1.AddDays(3), Day1.AddDays(5), Day1.AddDays(5).AddTicks(1), Day1.AddDays(7) })
            Assert.Equal(Open(whole.BookAt(at)), Open(folded.BookAt(at)));
        Assert.NotEmpty(Open(folded.BookAt(Day1.AddDays(3))));
    }

    [Fact]
    public void Forget_StopsAtAFillStampedAfterTheCut_SoTheBookingOrderIsKept()
    {
        var folded = new FillHistory("ACC", AccountMode.Netting, "USD");
        var whole = new FillHistory("ACC", AccountMode.Netting, "USD");
        foreach (var h in new[] { folded, whole })
        {
            Add(h, "T1", OrderSide.Buy, 1.0m, "1.10000", Day1);
            Add(h, "T2", OrderSide.Sell, 1.5m, "1.10400", Day1.AddDays(4));  // reverses to short 0.5
            Add(h, "T3", OrderSide.Buy, 0.2m, "1.10200", Day1.AddDays(1));   // booked late (a reconciled deal), stamped early
        }

        folded.Forget(Day1.AddDays(2));

        Assert.Equal(2, folded.Count); // T1 folded; T3 waits behind T2
        Assert.Equal(Open(whole.BookAt(Day1.AddDays(2))), Open(folded.BookAt(Day1.AddDays(2))));
        Assert.Equal(Open(whole.BookAt(Day1.AddDays(5))), Open(folded.BookAt(Day1.AddDays(5))));
    }

    [Fact]
    public void BookAt_BeforeWhatIsKept_IsRefused_NotGuessed()
    {
        var history = new FillHistory("ACC", AccountMode.Netting, "USD");
        Add(history, "T1", OrderSide.Buy, 1.0m, "1.10000", Day1.AddHours(9));
        history.Forget(Day1.AddDays(3));
        history.Forget(Day1.AddDays(1)); // never back

        Assert.Equal(Day1.AddDays(3), history.KeptFrom);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.BookAt(Day1.AddDays(2)));
        Assert.Equal([("EURUSD", PositionSide.Long, 1.0m, 1.10000m)], Open(history.BookAt(Day1.AddDays(3))).Select(p => (p.Symbol, p.Side, p.Quantity, p.Average)));
    }

    private static void Add(FillHistory history, string trade, OrderSide side, decimal lots, string price, DateTimeOffset at, long? ticket = null, string symbol = "EURUSD") =>
        history.Add(new Fill(trade, "O-" + trade, symbol, side, lots, P(price), at, PositionTicket: ticket), symbol == "EURUSD" ? EurUsd : GbpUsd, Quote(price, price, at));

    private static List<(long Ticket, string Symbol, PositionSide Side, decimal Quantity, decimal Average)> Open(PositionBook book) =>
        [.. book.Open.OrderBy(p => p.Ticket).Select(p => (p.Ticket, p.Symbol, p.Side, p.Quantity, p.AveragePrice))];
}
