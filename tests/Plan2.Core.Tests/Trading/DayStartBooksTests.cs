using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

/// <summary>
/// The positions open at each day start, kept as one book per day rather than as the fills: each must be exactly the
/// book of every fill stamped before that day, booked again in booking order (the reference below), late fills included.
/// </summary>
public sealed class DayStartBooksTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AccountMode.Netting, 1)]
    [InlineData(AccountMode.Netting, 2)]
    [InlineData(AccountMode.Hedging, 3)]
    [InlineData(AccountMode.Hedging, 4)]
    public void EveryDayStart_IsTheBookOfTheFillsStampedBeforeIt_LateFillsAndForgettingIncluded(AccountMode mode, int seed)
    {
        var random = new Random(seed);
        var books = new DayStartBooks("ACC", mode, "USD");
        var reference = new List<(Fill Fill, Instrument Instrument, Tick Quote)>();
        var clock = Day1.AddHours(8);
        for (var i = 0; i < 400; i++)
        {
            clock = clock.AddMinutes(random.Next(10, 240)); // about a fill every two hours, over some 35 days
            var at = random.Next(6) == 0 ? clock.AddHours(-random.Next(1, 120)) : clock; // one in six booked late, up to five days
            var instrument = random.Next(3) == 0 ? GbpUsd : EurUsd;
            var price = (instrument == EurUsd ? 1.10000m : 1.30000m) + random.Next(-500, 500) / 100_000m;
            long? ticket = null;
            if (mode == AccountMode.Hedging && random.Next(3) == 0 && Whole(reference, mode).Open.Where(p => p.Symbol == instrument.Symbol).ToList() is { Count: > 0 } open)
                ticket = open[random.Next(open.Count)].Ticket; // a close of a ticket open now (a day's book may not have it: refused there, as on a rebuild)
            var fill = new Fill($"T{i}", $"O{i}", instrument.Symbol, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell,
                random.Next(1, 10) / 10m, Price.FromDecimal(price), at, PositionTicket: ticket);
            var quote = new Tick(at.ToUnixTimeMilliseconds(), Price.FromDecimal(price), Price.FromDecimal(price + 0.00010m));
            books.Add(fill, instrument, quote);
            reference.Add((fill, instrument, quote));
            if (i % 50 == 49)
                books.Forget(new DateTimeOffset(clock.UtcDateTime.Date, TimeSpan.Zero).AddDays(-10)); // a shorter month than the account's, to give days up often

            if (i % 10 == 0 || i == 399)
                for (var day = Day1.AddDays(-6); day <= clock.AddDays(2); day = day.AddDays(1)) // from before the first fill: late ones reach back
                {
                    if (day < books.KeptFrom)
                        Assert.Throws<ArgumentOutOfRangeException>(() => books.BookAt(day));
                    else
                        Assert.Equal(Open(BookAt(reference, mode, day)), Open(books.BookAt(day)));
                }
        }
        Assert.InRange(books.Days, 10, 15); // kept: the days since the cut and the next two, not the 400 fills
    }

    [Fact]
    public void ASnapshot_RestoresTheSameBooks_AndLaterFillsGoOnAsBefore()
    {
        var kept = new DayStartBooks("ACC", AccountMode.Hedging, "USD");
        Add(kept, "T1", OrderSide.Buy, 1.0m, "1.10000", Day1.AddHours(9));
        Add(kept, "T2", OrderSide.Sell, 2.0m, "1.32000", Day1.AddDays(2), symbol: "GBPUSD");
        Add(kept, "T3", OrderSide.Buy, 0.5m, "1.10300", Day1.AddDays(3));
        kept.Forget(Day1.AddDays(1));

        var restored = DayStartBooks.FromState("ACC", AccountMode.Hedging, "USD", kept.ToState());
        foreach (var h in new[] { kept, restored })
        {
            Add(h, "T4", OrderSide.Sell, 0.4m, "1.10500", Day1.AddDays(1).AddHours(5), ticket: 1); // late: a partial close on day 2
            Add(h, "T5", OrderSide.Buy, 0.3m, "1.09000", Day1.AddDays(6));
        }

        for (var day = Day1.AddDays(1); day <= Day1.AddDays(8); day = day.AddDays(1))
            Assert.Equal(Open(kept.BookAt(day)), Open(restored.BookAt(day)));
        Assert.Equal([(1L, "EURUSD", PositionSide.Long, 0.6m, 1.10000m), (2L, "GBPUSD", PositionSide.Short, 2.0m, 1.32000m)], Open(kept.BookAt(Day1.AddDays(3))));
    }

    [Fact]
    public void BookAt_BeforeWhatIsKept_OrInsideADay_IsRefused_NotGuessed()
    {
        var books = new DayStartBooks("ACC", AccountMode.Netting, "USD");
        Add(books, "T1", OrderSide.Buy, 1.0m, "1.10000", Day1.AddHours(9));
        books.Forget(Day1.AddDays(3));
        books.Forget(Day1.AddDays(1)); // never back

        Assert.Equal(Day1.AddDays(3), books.KeptFrom);
        Assert.Throws<ArgumentOutOfRangeException>(() => books.BookAt(Day1.AddDays(2)));
        Assert.Throws<ArgumentException>(() => books.BookAt(Day1.AddDays(4).AddHours(1)));
        Assert.Equal([(1L, "EURUSD", PositionSide.Long, 1.0m, 1.10000m)], Open(books.BookAt(Day1.AddDays(3))));
        var copy = books.BookAt(Day1.AddDays(3));
        copy.Apply(Close("T2", 1.0m, Day1.AddDays(3)), EurUsd, Converter("1.1"));
        Assert.Empty(Open(copy));
        Assert.Single(Open(books.BookAt(Day1.AddDays(3)))); // what BookAt gives is a copy: changing it changed nothing kept
    }

    [Fact]
    public void AFillStampedYearsAhead_GivesUpTheDaysBefore_RatherThanTakingABookForEach()
    {
        var books = new DayStartBooks("ACC", AccountMode.Netting, "USD");
        Add(books, "T1", OrderSide.Buy, 1.0m, "1.10000", Day1.AddHours(9));
        Add(books, "T2", OrderSide.Buy, 0.5m, "1.10000", Day1.AddYears(70)); // a venue's broken clock

        Assert.Equal(366, books.Days);
        Assert.Throws<ArgumentOutOfRangeException>(() => books.BookAt(Day1.AddDays(1)));
        Assert.Equal([(1L, "EURUSD", PositionSide.Long, 1.0m, 1.10000m)], Open(books.BookAt(Day1.AddYears(70).AddDays(-1))));
    }

    private static PositionBook Whole(List<(Fill Fill, Instrument Instrument, Tick Quote)> fills, AccountMode mode) =>
        BookAt(fills, mode, DateTimeOffset.MaxValue);

    /// <summary>The reference: every fill stamped before <paramref name="at"/>, booked again in booking order.</summary>
    private static PositionBook BookAt(List<(Fill Fill, Instrument Instrument, Tick Quote)> fills, AccountMode mode, DateTimeOffset at)
    {
        var book = new PositionBook("ACC", mode, "USD");
        foreach (var (fill, instrument, quote) in fills)
            if (fill.At < at)
                book.Apply(fill, instrument, CurrencyConverter.AtQuote(instrument.Symbol, quote));
        return book;
    }

    private static void Add(DayStartBooks books, string trade, OrderSide side, decimal lots, string price, DateTimeOffset at, long? ticket = null, string symbol = "EURUSD") =>
        books.Add(new Fill(trade, "O-" + trade, symbol, side, lots, P(price), at, PositionTicket: ticket), symbol == "EURUSD" ? EurUsd : GbpUsd, Quote(price, price, at));

    private static Fill Close(string trade, decimal lots, DateTimeOffset at) => new(trade, "O-" + trade, "EURUSD", OrderSide.Sell, lots, P("1.10000"), at);

    private static CurrencyConverter Converter(string eurUsd) => new(Board(("EURUSD", eurUsd, eurUsd)));

    private static List<(long Ticket, string Symbol, PositionSide Side, decimal Quantity, decimal Average)> Open(PositionBook book) =>
        [.. book.Open.OrderBy(p => p.Ticket).Select(p => (p.Ticket, p.Symbol, p.Side, p.Quantity, p.AveragePrice))];
}
