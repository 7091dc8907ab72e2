using Plan2.Core.Execution;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Trading.OrderBuilder;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Execution;

/// <summary>Resting orders: limits, stops, stop-limits, expiry, cancel and modify.</summary>
public class PaperVenuePendingOrderTests
{
    [Fact]
    public void BuyLimit_RestsUntilTheAskReachesIt_ThenFillsNoWorseThanTheLimit()
    {
        var venue = new VenueHarness(new PaperFillSettings { SlippageTicks = 5 });
        var order = venue.Submit("1", Request(type: OrderType.Limit, limit: P("1.09980")));

        venue.Quote(0, "1.10000", "1.10020");
        Assert.Equal(OrderStatus.Accepted, order.Status);
        venue.Quote(1000, "1.09960", "1.09978"); // ask 1.09978 + 5 ticks = 1.09983 > limit: capped

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(P("1.09980"), Assert.Single(venue.Fills).Price);
    }

    [Fact]
    public void SellLimit_GappedThrough_FillsAtTheBetterBid()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        venue.Submit("1", Request(side: OrderSide.Sell, type: OrderType.Limit, limit: P("1.10050")));

        venue.Quote(0, "1.10000", "1.10020");
        venue.Quote(1000, "1.10090", "1.10110");

        Assert.Equal(P("1.10090"), Assert.Single(venue.Fills).Price);
    }

    [Fact]
    public void SellStop_TriggersWhenTheBidFallsToIt_AndFillsAtTheBid()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        var order = venue.Submit("1", Request(side: OrderSide.Sell, type: OrderType.Stop, trigger: P("1.09950")));

        venue.Quote(0, "1.09960", "1.09980"); // bid 1.09960 is still above the trigger
        Assert.False(order.IsTriggered);
        var events = venue.Quote(1000, "1.09930", "1.09950"); // gapped through: fills at the worse bid

        Assert.IsType<OrderTriggered>(events[0]);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(P("1.09930"), Assert.Single(venue.Fills).Price);
    }

    [Fact]
    public void BuyStopLimit_Triggered_WaitsForItsLimit()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        var order = venue.Submit("1", Request(type: OrderType.StopLimit, trigger: P("1.10050"), limit: P("1.10060")));

        venue.Quote(0, "1.10000", "1.10020");
        venue.Quote(1000, "1.10060", "1.10080"); // ask 1.10080 ≥ trigger, but above the limit
        Assert.Equal(OrderStatus.Triggered, order.Status);
        venue.Quote(2000, "1.10040", "1.10055");

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(P("1.10055"), Assert.Single(venue.Fills).Price);
    }

    [Fact]
    public void Gtd_ExpiresOnTheFirstQuoteAtOrAfterItsExpiry()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        var order = venue.Submit("1", Request(type: OrderType.Limit, limit: P("1.09000"), tif: TimeInForce.Gtd, expireAt: T0.AddSeconds(10)));

        venue.Quote(9_999, "1.10000", "1.10020");
        Assert.Equal(OrderStatus.Accepted, order.Status);
        venue.Quote(10_000, "1.08000", "1.08020"); // would fill, but the order has expired

        Assert.Equal(OrderStatus.Expired, order.Status);
        Assert.Empty(venue.Fills);
        Assert.Equal(0, venue.Venue.WorkingCount);
    }

    [Fact]
    public void Cancel_Working_IsCanceled_AndNeverFills()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        var order = venue.Submit("1", Request(type: OrderType.Limit, limit: P("1.09000")));
        venue.Quote(0, "1.10000", "1.10020");

        venue.Cancel("1");
        venue.Quote(1000, "1.08000", "1.08020");

        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Empty(venue.Fills);
    }

    [Fact]
    public void Cancel_Filled_IsRejectedByTheVenue()
    {
        var venue = new VenueHarness(PaperFillSettings.Default);
        venue.Submit("1", Request());
        venue.Quote(0, "1.10000", "1.10020");
        var events = new List<OrderEvent>();

        venue.Venue.Cancel("1", T0, events);

        Assert.IsType<OrderCancelRejected>(Assert.Single(events));
    }

    [Fact]
    public void Modify_MovesTheLimit_AndRefusesAQuantityAtOrBelowTheFilled()
    {
        var venue = new VenueHarness(new PaperFillSettings { DepthPerQuote = 1m });
        venue.Submit("1", Request(quantity: 3m, type: OrderType.Limit, limit: P("1.10020")));
        venue.Quote(0, "1.10000", "1.10020"); // 1 of 3 fills
        var events = new List<OrderEvent>();

        venue.Venue.Modify("1", 1m, null, null, T0, events);
        venue.Venue.Modify("1", null, P("1.09990"), null, T0, events);
        venue.Quote(1000, "1.10000", "1.10020");

        Assert.IsType<OrderUpdateRejected>(events[0]);
        Assert.Equal(P("1.09990"), Assert.IsType<OrderUpdated>(events[1]).LimitPrice);
        Assert.Single(venue.Fills); // the ask is above the new limit
    }

    [Fact]
    public void Submit_UnknownSymbol_IsRejected()
    {
        var venue = new PaperVenue(PaperFillSettings.Default, Catalog());
        var order = new Order("1", Request(symbol: "XXXYYY"), T0);
        order.Apply(new OrderSubmitted("1", T0));
        var events = new List<OrderEvent>();

        venue.Submit(order, T0, events);

        Assert.Contains("XXXYYY", Assert.IsType<OrderRejected>(Assert.Single(events)).Reason, StringComparison.Ordinal);
        Assert.Equal(0, venue.WorkingCount);
    }

    [Fact]
    public void Settings_Invalid_AreAllReported()
    {
        var settings = new PaperFillSettings { Latency = TimeSpan.FromSeconds(-1), SlippageTicks = -1, DepthPerQuote = 0m, CommissionPerLot = -1m };

        Assert.Equal(4, settings.Validate().Count);
        Assert.Throws<ArgumentException>(() => new PaperVenue(settings, Catalog()));
    }
}
