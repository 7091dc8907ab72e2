using Plan2.Core.Execution;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Trading.OrderBuilder;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Execution;

/// <summary>Orders handed over to another venue instance (the live paper book) are worked from where they stand.</summary>
public class PaperVenueRestingTests
{
    [Fact]
    public void PartlyFilledOrder_RestedElsewhere_FillsOnlyItsRemainder_WithoutASecondAcceptance()
    {
        var arrival = new VenueHarness(new PaperFillSettings { DepthPerQuote = 1m });
        var order = arrival.Submit("1", Request(quantity: 3m));
        arrival.Quote(0, "1.10000", "1.10020");
        Assert.Equal((OrderStatus.PartiallyFilled, 1m), (order.Status, order.FilledQuantity));
        var book = new PaperVenue(PaperFillSettings.Default, Catalog(), idPrefix: "B-");

        Assert.True(book.Rest(RestingOrder.From(order)));
        var events = new List<OrderEvent>();
        book.OnQuote("EURUSD", Quote("1.10010", "1.10030", T0.AddSeconds(1)), events);

        var fill = Assert.IsType<OrderFilled>(Assert.Single(events));
        Assert.Equal((2m, P("1.10030")), (fill.Quantity, fill.Price));
        Assert.True(order.Apply(fill).IsOk);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(0, book.WorkingCount);
    }

    [Fact]
    public void RestingAgain_OnNewerTerms_ReplacesTheEarlierTerms()
    {
        var book = new PaperVenue(PaperFillSettings.Default, Catalog());
        var limit = new RestingOrder("1", "EURUSD", OrderSide.Buy, OrderType.Limit, 1m, 0m, P("1.09000"), null, false, null, Version: 3);
        book.Rest(limit);
        book.Rest(limit with { Limit = P("1.10050"), Version = 5 });
        var events = new List<OrderEvent>();

        book.OnQuote("EURUSD", Quote("1.10000", "1.10020"), events);

        Assert.Equal(P("1.10020"), Assert.IsType<OrderFilled>(Assert.Single(events)).Price);
        Assert.Equal(0, book.WorkingCount);
    }

    [Fact]
    public void RestingTheSameTermsAgain_AfterAPartFilled_DoesNotFillThatPartTwice()
    {
        var book = new PaperVenue(new PaperFillSettings { DepthPerQuote = 1m }, Catalog());
        var limit = new RestingOrder("1", "EURUSD", OrderSide.Buy, OrderType.Limit, 2m, 0m, P("1.10050"), null, false, null, Version: 3);
        book.Rest(limit);
        var events = new List<OrderEvent>();
        book.OnQuote("EURUSD", Quote("1.10000", "1.10020"), events);
        Assert.Equal(1m, Assert.IsType<OrderFilled>(Assert.Single(events)).Quantity);

        // A retried rest whose first answer was lost: the owner has not booked the fill yet, its copy still says 0 filled.
        Assert.True(book.Rest(limit));
        events.Clear();
        book.OnQuote("EURUSD", Quote("1.10000", "1.10020", T0.AddSeconds(1)), events);
        book.OnQuote("EURUSD", Quote("1.10000", "1.10020", T0.AddSeconds(2)), events);

        Assert.Equal(1m, Assert.IsType<OrderFilled>(Assert.Single(events)).Quantity); // 2 lots in all, not 3
        Assert.Equal(0, book.WorkingCount);
    }

    [Fact]
    public void OlderTerms_ArrivingLate_AreIgnored()
    {
        var book = new PaperVenue(PaperFillSettings.Default, Catalog());
        var placed = new RestingOrder("1", "EURUSD", OrderSide.Buy, OrderType.Limit, 1m, 0m, P("1.10050"), null, false, null, Version: 3);
        book.Rest(placed with { Limit = P("1.09000"), Version = 6 }); // replaced lower before the first rest arrived

        Assert.True(book.Rest(placed));
        var events = new List<OrderEvent>();
        book.OnQuote("EURUSD", Quote("1.10000", "1.10020"), events);

        Assert.Empty(events);
        Assert.Equal(1, book.WorkingCount);
    }

    [Fact]
    public void ExpireDue_EndsOnlyTheOrdersWhoseExpiryHasCome_WithoutAQuote()
    {
        var book = new PaperVenue(PaperFillSettings.Default, Catalog());
        book.Rest(new RestingOrder("gtd", "EURUSD", OrderSide.Buy, OrderType.Limit, 1m, 0m, P("1.09000"), null, false, T0.AddMinutes(1)));
        book.Rest(new RestingOrder("later", "GBPUSD", OrderSide.Sell, OrderType.Limit, 1m, 0m, P("1.40000"), null, false, T0.AddMinutes(5)));
        book.Rest(new RestingOrder("gtc", "EURUSD", OrderSide.Buy, OrderType.Limit, 1m, 0m, P("1.09000"), null, false, null));
        var events = new List<OrderEvent>();
        Assert.Equal(T0.AddMinutes(1), book.NextExpiry);

        book.ExpireDue(T0.AddSeconds(59), events);
        Assert.Empty(events);
        book.ExpireDue(T0.AddMinutes(2), events);

        Assert.Equal(new OrderExpired("gtd", T0.AddMinutes(1)), Assert.Single(events));
        Assert.Equal((2, T0.AddMinutes(5)), (book.WorkingCount, book.NextExpiry));
        Assert.False(book.IsWorking("gtd"));
    }

    [Fact]
    public void RestingOrder_ExpiresOnTheFirstQuoteAtOrAfterItsExpiry()
    {
        var book = new PaperVenue(PaperFillSettings.Default, Catalog());
        book.Rest(new RestingOrder("1", "EURUSD", OrderSide.Buy, OrderType.Limit, 1m, 0m, P("1.09000"), null, false, T0.AddMinutes(1)));
        var events = new List<OrderEvent>();

        book.OnQuote("EURUSD", Quote("1.10000", "1.10020", T0.AddSeconds(59)), events);
        Assert.Empty(events);
        book.OnQuote("EURUSD", Quote("1.10000", "1.10020", T0.AddMinutes(1)), events);

        Assert.Equal(new OrderExpired("1", T0.AddMinutes(1)), Assert.Single(events));
    }

    [Fact]
    public void Withdraw_StopsWorkingTheOrder_AndSaysWhetherItWasThere()
    {
        var book = new PaperVenue(PaperFillSettings.Default, Catalog());
        book.Rest(new RestingOrder("1", "EURUSD", OrderSide.Sell, OrderType.Stop, 1m, 0m, null, P("1.09000"), false, null));

        Assert.True(book.Withdraw("1"));
        Assert.False(book.Withdraw("1"));
        var events = new List<OrderEvent>();
        book.OnQuote("EURUSD", Quote("1.08000", "1.08020"), events);
        Assert.Empty(events);
    }

    [Fact]
    public void NothingLeftOrUnknownSymbol_IsNotRested()
    {
        var book = new PaperVenue(PaperFillSettings.Default, Catalog());

        Assert.False(book.Rest(new RestingOrder("1", "EURUSD", OrderSide.Buy, OrderType.Market, 1m, 1m, null, null, false, null)));
        Assert.False(book.Rest(new RestingOrder("2", "XXXYYY", OrderSide.Buy, OrderType.Market, 1m, 0m, null, null, false, null)));
        Assert.Equal(0, book.WorkingCount);
    }
}
