using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class NettingPositionTests
{
    private readonly PositionBook _book = new("ACC-1", AccountMode.Netting, "USD");
    private readonly CurrencyConverter _usd = new(Board(("USDJPY", "150.490", "150.510"), ("GBPUSD", "1.26990", "1.27010")));
    private int _trade;

    private PositionResult Book(OrderSide side, decimal lots, string price, string symbol = "EURUSD", decimal commission = 0m)
    {
        var instrument = Catalog().TryGet(symbol, out var i) ? i : throw new ArgumentException(symbol);
        return _book.Apply(new Fill($"T{++_trade}", "O-1", symbol, side, lots, P(price), T0, commission), instrument, _usd);
    }

    [Fact]
    public void Apply_SequenceOfFills_NetsIntoOnePositionWithHandCheckedPnl()
    {
        Book(OrderSide.Buy, 1.00m, "1.10000");
        Book(OrderSide.Buy, 0.50m, "1.10300");
        // average = (1.00 × 1.10000 + 0.50 × 1.10300) / 1.50 = 1.6515 / 1.5 = 1.10100
        var position = Assert.Single(_book.Open);
        Assert.Equal((PositionSide.Long, 1.50m, 1.101m), (position.Side, position.Quantity, position.AveragePrice));

        var partial = Book(OrderSide.Sell, 0.50m, "1.10500");
        // 0.50 lots × 100,000 × (1.10500 − 1.10100) = 50,000 × 0.004 = 200.00 USD; the average stays
        Assert.Equal(200.00m, partial.Change.RealizedPnl);
        Assert.Equal((1.00m, 1.101m), (position.Quantity, position.AveragePrice));

        var reversal = Book(OrderSide.Sell, 1.50m, "1.10200");
        // closes 1.00: 1.00 × 100,000 × (1.10200 − 1.10100) = 100.00; the other 0.50 opens a short at 1.10200
        Assert.Equal((1.00m, 100.00m, true, 0.50m), (reversal.Change.ClosedQuantity, reversal.Change.RealizedPnl, reversal.Change.ReducedToZero, reversal.Change.OpenedQuantity));
        var shortPosition = Assert.Single(_book.Open);
        Assert.Equal((PositionSide.Short, 0.50m, 1.102m), (shortPosition.Side, shortPosition.Quantity, shortPosition.AveragePrice));
        Assert.NotEqual(position.Ticket, shortPosition.Ticket);

        var close = Book(OrderSide.Buy, 0.50m, "1.10100");
        // short: 0.50 × 100,000 × (1.10100 − 1.10200) × −1 = +50.00
        Assert.Equal(50.00m, close.Change.RealizedPnl);
        Assert.Empty(_book.Open);
        Assert.Equal([300.00m, 50.00m], _book.Closed.Select(p => p.RealizedPnl));
        Assert.Equal(350.00m, _book.RealizedPnl);
        Assert.Equal(0m, _book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void Apply_CommissionRebate_IsBookedAsACredit_IntoNetRealizedPnl()
    {
        var instrument = Catalog().TryGet("EURUSD", out var i) ? i : throw new ArgumentException("EURUSD");
        Assert.True(_book.Apply(new Fill("R1", "O-1", "EURUSD", OrderSide.Buy, 1m, P("1.10000"), T0, -1.20m), instrument, _usd).IsOk);
        _book.Apply(new Fill("R2", "O-2", "EURUSD", OrderSide.Sell, 1m, P("1.10100"), T0, 0.35m), instrument, _usd);

        // 100.00 realised; a rebate of 1.20 and a charge of 0.35 → commission −0.85 → 100.85 net
        Assert.Equal((-0.85m, 100.85m), (Assert.Single(_book.Closed).Commission, _book.NetRealizedPnl));
    }

    [Fact]
    public void Apply_FillWithSwap_BooksItOnThePositionItCloses_IntoNetRealizedPnl()
    {
        var instrument = Catalog().TryGet("EURUSD", out var i) ? i : throw new ArgumentException("EURUSD");
        _book.Apply(new Fill("S1", "O-1", "EURUSD", OrderSide.Buy, 1m, P("1.10000"), T0, 3.50m), instrument, _usd);
        _book.Apply(new Fill("S2", "O-2", "EURUSD", OrderSide.Sell, 1m, P("1.10100"), T0, 3.75m, Swap: -1.37m), instrument, _usd);

        var closed = Assert.Single(_book.Closed);
        // 1 × 100,000 × 0.001 = 100.00 realised; commission 7.25; swap −1.37 → 91.38 net
        Assert.Equal((100.00m, 7.25m, -1.37m, 91.38m), (closed.RealizedPnl, closed.Commission, closed.Swap, closed.NetPnl));
        Assert.Equal((-1.37m, 91.38m), (_book.Swap, _book.NetRealizedPnl));
    }

    [Fact]
    public void Apply_ClosedPosition_RecordsAverageExitAndCloseTime()
    {
        Book(OrderSide.Buy, 1.00m, "1.10000");
        Book(OrderSide.Sell, 0.25m, "1.10100");
        Book(OrderSide.Sell, 0.75m, "1.10300");

        var closed = Assert.Single(_book.Closed);
        // exit = (0.25 × 1.10100 + 0.75 × 1.10300) / 1.00 = 0.275250 + 0.827250 = 1.10250
        Assert.Equal(1.1025m, closed.AverageClosePrice);
        Assert.Equal(T0, closed.ClosedAt);
        // P&L = 25,000 × 0.001 + 75,000 × 0.003 = 25 + 225 = 250.00
        Assert.Equal(250.00m, closed.RealizedPnl);
    }

    [Fact]
    public void Apply_UsdJpyOnUsdAccount_ConvertsJpyPnlThroughUsdJpy()
    {
        Book(OrderSide.Buy, 1.00m, "150.000", "USDJPY");
        var close = Book(OrderSide.Sell, 1.00m, "150.500", "USDJPY");

        // 1 × 100,000 × (150.500 − 150.000) = 50,000 JPY; ÷ USDJPY mid 150.5 = 332.2259… → 332.23 USD
        Assert.Equal(332.23m, close.Change.RealizedPnl);
    }

    [Fact]
    public void Apply_EurGbpOnUsdAccount_ConvertsGbpPnlThroughGbpUsd()
    {
        Book(OrderSide.Buy, 2.00m, "0.85000", "EURGBP");
        var close = Book(OrderSide.Sell, 2.00m, "0.84800", "EURGBP");

        // 2 × 100,000 × (0.84800 − 0.85000) = −400 GBP; × GBPUSD mid 1.27 = −508.00 USD
        Assert.Equal(-508.00m, close.Change.RealizedPnl);
    }

    [Fact]
    public void Apply_CloseWithoutConversionRate_IsRefusedAndChangesNothing()
    {
        var noRates = new CurrencyConverter(new QuoteBoard());
        var eurgbp = Catalog().TryGet("EURGBP", out var i) ? i : null!;
        _book.Apply(new Fill("A", "O-1", "EURGBP", OrderSide.Buy, 1m, P("0.85"), T0), eurgbp, noRates); // opening needs no rate
        var close = new Fill("B", "O-2", "EURGBP", OrderSide.Sell, 1m, P("0.86"), T0);

        var refused = _book.Apply(close, eurgbp, noRates);

        Assert.Equal(PositionRefusalReason.NoConversionRate, refused.Reason);
        Assert.Equal(1m, _book.NetQuantity("EURGBP"));
        Assert.True(_book.Apply(close, eurgbp, _usd).IsOk); // same trade id books once a rate exists
    }

    [Fact]
    public void Apply_FillNamingAStaleTicket_NetsAgainstTheSymbolsPosition()
    {
        Book(OrderSide.Buy, 1.00m, "1.10000");
        var ticket = Assert.Single(_book.Open).Ticket;

        var close = _book.Apply(new Fill("X", "O-9", "EURUSD", OrderSide.Sell, 1m, P("1.10100"), T0, PositionTicket: ticket + 99), EurUsd, _usd);

        Assert.Equal((ticket, 100.00m), (close.Change.ReducedTicket, close.Change.RealizedPnl));
        Assert.Empty(_book.Open);
    }

    [Fact]
    public void Apply_SameTradeTwice_IsBookedOnce()
    {
        var fill = new Fill("T-9", "O-1", "EURUSD", OrderSide.Buy, 1m, P("1.1"), T0);
        _book.Apply(fill, EurUsd, _usd);

        Assert.Equal(PositionRefusalReason.DuplicateTrade, _book.Apply(fill, EurUsd, _usd).Reason);
        Assert.Equal(1m, _book.NetQuantity("EURUSD"));
    }

    [Theory]
    [InlineData(0, "1.1", 0, PositionRefusalReason.NonPositiveQuantity)]
    [InlineData(1, "0", 0, PositionRefusalReason.NonPositivePrice)]
    public void Apply_MalformedFill_IsRefused(int lots, string price, int commission, PositionRefusalReason expected) =>
        Assert.Equal(expected, _book.Apply(new Fill("T", "O", "EURUSD", OrderSide.Buy, lots, P(price), T0, commission), EurUsd, _usd).Reason);

    [Fact]
    public void Apply_FillBookedWithAnotherInstrument_IsRefused() =>
        Assert.Equal(PositionRefusalReason.InstrumentMismatch,
            _book.Apply(new Fill("T", "O", "EURUSD", OrderSide.Buy, 1m, P("1.1"), T0), GbpUsd, _usd).Reason);

    [Fact]
    public void ClosedPositions_KeepOnlyTheLatest_WhileTheTotalsCoverEveryOne()
    {
        var trips = PositionBook.ClosedKept + 5;
        for (var i = 0; i < trips; i++)
        {
            Book(OrderSide.Buy, 0.10m, "1.10000", commission: 0.10m);
            Book(OrderSide.Sell, 0.10m, "1.10010"); // 0.10 × 100,000 × 0.00010 = 1.00 USD each round trip
        }

        Assert.Equal(PositionBook.ClosedKept, _book.Closed.Count);
        Assert.Equal((trips * 1.00m, trips * 0.10m), (_book.RealizedPnl, _book.Commission));
        // Each round trip opened ticket 1, 2, 3, …: the five oldest went, the newest is last.
        Assert.Equal(Enumerable.Range(6, PositionBook.ClosedKept).Select(t => (long)t), _book.Closed.Select(p => p.Ticket));
    }
}
