using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class HedgingPositionTests
{
    private readonly PositionBook _book = new("ACC-H", AccountMode.Hedging, "USD", firstTicket: 1001);
    private readonly CurrencyConverter _usd = new(new QuoteBoard());
    private int _trade;

    private PositionResult Book(OrderSide side, decimal lots, string price, long? ticket = null, string symbol = "EURUSD") =>
        _book.Apply(new Fill($"T{++_trade}", "O", symbol, side, lots, P(price), T0, PositionTicket: ticket), symbol == "EURUSD" ? EurUsd : GbpUsd, _usd);

    [Fact]
    public void Apply_OppositeFillsWithoutTicket_OpenTwoPositions()
    {
        Book(OrderSide.Buy, 1.0m, "1.10000");
        Book(OrderSide.Sell, 1.0m, "1.09900");

        Assert.Equal(2, _book.Open.Count);
        Assert.Equal([(1001L, PositionSide.Long), (1002L, PositionSide.Short)], _book.Open.Select(p => (p.Ticket, p.Side)).OrderBy(t => t.Ticket));
        Assert.Equal(0m, _book.NetQuantity("EURUSD"));
        Assert.Equal(0m, _book.RealizedPnl);
    }

    [Fact]
    public void Apply_ClosesTargetTheirTickets_WithHandCheckedPnl()
    {
        Book(OrderSide.Buy, 1.0m, "1.10000");  // ticket 1001 long
        Book(OrderSide.Sell, 1.0m, "1.09900"); // ticket 1002 short

        var partial = Book(OrderSide.Sell, 0.4m, "1.10200", ticket: 1001);
        // 0.4 × 100,000 × (1.10200 − 1.10000) = 40,000 × 0.002 = 80.00
        Assert.Equal((1001L, 80.00m, false), (partial.Change.ReducedTicket, partial.Change.RealizedPnl, partial.Change.ReducedToZero));
        Assert.True(_book.TryGetOpen(1001, out var remaining));
        Assert.Equal(0.6m, remaining.Quantity);

        var full = Book(OrderSide.Buy, 1.0m, "1.09700", ticket: 1002);
        // short: 1.0 × 100,000 × (1.09700 − 1.09900) × −1 = +200.00
        Assert.Equal((200.00m, true), (full.Change.RealizedPnl, full.Change.ReducedToZero));
        Assert.Equal(1002L, Assert.Single(_book.Closed).Ticket);
        Assert.Equal(280.00m, _book.RealizedPnl);
        Assert.Equal(0.6m, _book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void FromOrder_FillOfATicketedClose_BooksAgainstThatTicket()
    {
        Book(OrderSide.Buy, 1.0m, "1.10000"); // ticket 1001
        var order = new Order("O-9", OrderBuilder.Request(quantity: 1m, side: OrderSide.Sell) with { PositionTicket = 1001, StrategyId = "S-1" }, T0);
        order.Apply(new OrderSubmitted("O-9", T0));
        var filled = new OrderFilled("O-9", T0, "D-77", 1m, P("1.10100"), 3.5m);
        Assert.True(order.Apply(filled).IsOk);

        var fill = Plan2.Core.Trading.Positions.Fill.FromOrder(order, filled);
        var booked = _book.Apply(fill, EurUsd, _usd);

        Assert.Equal(("O-9", OrderSide.Sell, (long?)1001, "S-1"), (fill.OrderId, fill.Side, fill.PositionTicket, fill.StrategyId));
        Assert.Equal((1001L, 100.00m, true), (booked.Change.ReducedTicket, booked.Change.RealizedPnl, booked.Change.ReducedToZero));
    }

    [Fact]
    public void Apply_CloseOfUnknownTicket_IsRefused()
    {
        Book(OrderSide.Buy, 1.0m, "1.1");

        Assert.Equal(PositionRefusalReason.UnknownTicket, Book(OrderSide.Sell, 1.0m, "1.1", ticket: 7).Reason);
    }

    [Fact]
    public void Apply_CloseOnTheSameSide_IsRefused()
    {
        Book(OrderSide.Buy, 1.0m, "1.1");

        Assert.Equal(PositionRefusalReason.CloseSameSide, Book(OrderSide.Buy, 0.5m, "1.1", ticket: 1001).Reason);
    }

    [Fact]
    public void Apply_CloseLargerThanTicket_IsRefusedAndChangesNothing()
    {
        Book(OrderSide.Buy, 0.6m, "1.1");

        var result = Book(OrderSide.Sell, 0.7m, "1.1", ticket: 1001);

        Assert.Equal(PositionRefusalReason.CloseExceedsPosition, result.Reason);
        Assert.Equal(0.6m, _book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void Apply_CloseInAnotherSymbol_IsRefused()
    {
        Book(OrderSide.Buy, 1.0m, "1.1");

        Assert.Equal(PositionRefusalReason.TicketSymbolMismatch, Book(OrderSide.Sell, 1.0m, "1.27", ticket: 1001, symbol: "GBPUSD").Reason);
    }
}
