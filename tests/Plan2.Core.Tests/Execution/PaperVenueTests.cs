using Plan2.Core.Execution;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Trading.OrderBuilder;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Execution;

public class PaperVenueTests
{
    [Fact]
    public void MarketBuy_FillsAtTheAsk_WithCommissionPerLot()
    {
        var venue = new VenueHarness(new PaperFillSettings { CommissionPerLot = 3.5m });
        var order = venue.Submit("1", Request(quantity: 2m));

        venue.Quote(0, "1.10000", "1.10020");

        Assert.Equal(OrderStatus.Filled, order.Status);
        var fill = Assert.Single(venue.Fills);
        Assert.Equal((2m, P("1.10020"), 7.00m), (fill.Quantity, fill.Price, fill.Commission));
        Assert.Equal(2m, venue.Book.NetQuantity("EURUSD"));
        Assert.Equal(0, venue.Venue.WorkingCount);
    }

    [Fact]
    public void MarketSell_FillsAtTheBid()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        venue.Submit("1", Request(side: OrderSide.Sell));

        venue.Quote(0, "1.10000", "1.10020");

        Assert.Equal(P("1.10000"), Assert.Single(venue.Fills).Price);
        Assert.Equal(-1m, venue.Book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void Latency_SkipsQuotesBeforeArrival_AndFillsOnTheFirstAtOrAfter()
    {
        var venue = new VenueHarness(new PaperFillSettings { Latency = TimeSpan.FromMilliseconds(50) });
        venue.Submit("1", Request());

        Assert.Empty(venue.Quote(49, "1.10000", "1.10020"));
        var events = venue.Quote(50, "1.10100", "1.10120");

        var accepted = Assert.IsType<OrderAccepted>(events[0]);
        Assert.Equal(T0.AddMilliseconds(50), accepted.At);
        Assert.Equal(P("1.10120"), Assert.IsType<OrderFilled>(events[1]).Price);
    }

    [Fact]
    public void Slippage_FixedTicksPlusSpreadFraction_RoundedUpToTicks_IsAdverse()
    {
        // spread 2.0 pips = 20 ticks; 0.25 × 20 = 5 ticks; plus 2 fixed = 7 ticks = 0.00007
        var settings = new PaperFillSettings { SlippageTicks = 2, SlippageSpreadFraction = 0.25m };
        var buy = new VenueHarness(settings);
        buy.Submit("1", Request());
        buy.Quote(0, "1.10000", "1.10020");
        var sell = new VenueHarness(settings);
        sell.Submit("1", Request(side: OrderSide.Sell));
        sell.Quote(0, "1.10000", "1.10020");

        Assert.Equal(P("1.10027"), Assert.Single(buy.Fills).Price);
        Assert.Equal(P("1.09993"), Assert.Single(sell.Fills).Price);
        // 0.3 × 21 ticks = 6.3, rounded up to 7
        Assert.Equal(P("0.00007"), FillPricing.Slippage(Quote("1.10000", "1.10021"), EurUsd, new PaperFillSettings { SlippageSpreadFraction = 0.3m }));
    }

    [Fact]
    public void LargerThanDepth_FillsInPartsOnLaterQuotes()
    {
        var venue = new VenueHarness(new PaperFillSettings { DepthPerQuote = 1m, CommissionPerLot = 3m });
        var order = venue.Submit("1", Request(quantity: 2.5m));

        venue.Quote(0, "1.10000", "1.10020");
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        venue.Quote(1000, "1.10010", "1.10030");
        venue.Quote(2000, "1.10020", "1.10040");

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal([1m, 1m, 0.5m], venue.Fills.Select(f => f.Quantity));
        Assert.Equal([P("1.10020"), P("1.10030"), P("1.10040")], venue.Fills.Select(f => f.Price));
        Assert.Equal(7.50m, order.Commission);
        Assert.Equal(3, order.TradeIds.Count);
        Assert.Equal(2.5m, venue.Book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void Depth_IsSharedByOrdersOnTheSameSide_InArrivalOrder()
    {
        var venue = new VenueHarness(new PaperFillSettings { DepthPerQuote = 1m });
        var first = venue.Submit("1", Request(quantity: 0.7m));
        var second = venue.Submit("2", Request(quantity: 0.7m));
        var seller = venue.Submit("3", Request(quantity: 1m, side: OrderSide.Sell));

        venue.Quote(0, "1.10000", "1.10020");

        Assert.Equal(OrderStatus.Filled, first.Status);
        Assert.Equal(0.3m, second.FilledQuantity);
        Assert.Equal(OrderStatus.Filled, seller.Status); // the bid side has its own depth
    }

    [Fact]
    public void Ioc_FillsWhatTheQuoteOffers_AndCancelsTheRest()
    {
        var venue = new VenueHarness(new PaperFillSettings { DepthPerQuote = 1m });
        var order = venue.Submit("1", Request(quantity: 3m, tif: TimeInForce.Ioc));

        venue.Quote(0, "1.10000", "1.10020");

        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Equal(1m, order.FilledQuantity);
        Assert.Equal(0, venue.Venue.WorkingCount);
    }

    [Theory]
    [InlineData(1.0, OrderStatus.Canceled, 0.0)]
    [InlineData(3.0, OrderStatus.Filled, 3.0)]
    public void Fok_FillsAllOnArrival_OrNothing(double depth, OrderStatus expected, double filled)
    {
        var venue = new VenueHarness(new PaperFillSettings { DepthPerQuote = (decimal)depth });
        var order = venue.Submit("1", Request(quantity: 3m, tif: TimeInForce.Fok));

        venue.Quote(0, "1.10000", "1.10020");

        Assert.Equal(expected, order.Status);
        Assert.Equal((decimal)filled, order.FilledQuantity);
        Assert.Equal((decimal)filled, venue.Book.NetQuantity("EURUSD"));
    }

    [Fact]
    public void NonMarketableIocLimit_IsCanceledOnArrival()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        var order = venue.Submit("1", Request(type: OrderType.Limit, limit: P("1.09900"), tif: TimeInForce.Ioc));

        venue.Quote(0, "1.10000", "1.10020");

        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Empty(venue.Fills);
    }

    [Fact]
    public void SubmittedAfterAQuote_WithoutLatency_FillsOnThatQuote_WithLatencyWaitsForTheNext()
    {
        var now = new VenueHarness(PaperFillSettings.Default);
        now.Quote(0, "1.10000", "1.10020");
        var order = now.Submit("1", Request(), T0);
        Assert.Equal(OrderStatus.Filled, order.Status);

        var later = new VenueHarness(new PaperFillSettings { Latency = TimeSpan.FromMilliseconds(1) });
        later.Quote(0, "1.10000", "1.10020");
        var waiting = later.Submit("1", Request(), T0);
        Assert.Equal(OrderStatus.Submitted, waiting.Status);
        later.Quote(1, "1.10010", "1.10030");
        Assert.Equal(P("1.10030"), Assert.Single(later.Fills).Price);
    }

    [Fact]
    public void SubmittedAfterAQuote_SharesWhatDepthThatQuoteHasLeft()
    {
        var venue = new VenueHarness(new PaperFillSettings { DepthPerQuote = 1m });
        venue.Submit("1", Request(quantity: 0.6m));
        venue.Quote(0, "1.10000", "1.10020");

        var second = venue.Submit("2", Request(quantity: 0.6m), T0);

        Assert.Equal(0.4m, second.FilledQuantity);
    }
}
