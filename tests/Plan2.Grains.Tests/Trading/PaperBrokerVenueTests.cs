using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Trading;
using Plan2.Grains.Trading.Venues;

namespace Plan2.Grains.Tests.Trading;

/// <summary>The paper broker adapter passes the Core fill model's rules through: slippage, commission, depth, IOC.</summary>
public class PaperBrokerVenueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Tick Quote = new(Now.AddYears(-5).ToUnixTimeMilliseconds(), Price.FromDecimal(1.10000m), Price.FromDecimal(1.10010m));

    private static Order Submitted(decimal lots, TimeInForce tif = TimeInForce.Gtc)
    {
        var order = new Order("acc.o1", new OrderRequest { ClientOrderId = "o1", AccountId = "acc", Symbol = "EURUSD", Side = OrderSide.Buy, Quantity = lots, TimeInForce = tif }, Now);
        order.Apply(new OrderSubmitted("acc.o1", Now));
        return order;
    }

    [Fact]
    public async Task MarketBuy_LargerThanTheDepth_FillsTheDepthWithSlippageAndCommission_AndKeepsWorking()
    {
        var venue = new PaperBrokerVenue(new PaperFillSettings { DepthPerQuote = 1m, SlippageTicks = 1, CommissionPerLot = 7m }, TradingInstruments.Default);
        var order = Submitted(3m);

        var events = await venue.SubmitAsync(order, Quote, Now);
        foreach (var e in events) Assert.True(order.Apply(e).IsOk);

        var fill = Assert.IsType<OrderFilled>(events[^1]);
        Assert.Equal((1m, Price.FromDecimal(1.10011m), 7m), (fill.Quantity, fill.Price, fill.Commission));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(Now, fill.At); // the arrival quote is stamped at submit + latency, not the feed's old stamp
    }

    [Fact]
    public async Task IocBuy_LargerThanTheDepth_FillsWhatIsThere_AndCancelsTheRest()
    {
        var venue = new PaperBrokerVenue(new PaperFillSettings { DepthPerQuote = 1m }, TradingInstruments.Default);
        var order = Submitted(3m, TimeInForce.Ioc);

        var events = await venue.SubmitAsync(order, Quote, Now);

        Assert.Equal([typeof(OrderAccepted), typeof(OrderFilled), typeof(OrderCanceled)], events.Select(e => e.GetType()));
    }

    [Fact]
    public async Task NoQuote_IsRejected()
    {
        var venue = new PaperBrokerVenue(PaperFillSettings.Default, TradingInstruments.Default);

        var events = await venue.SubmitAsync(Submitted(1m), null, Now);

        Assert.IsType<OrderRejected>(Assert.Single(events));
    }
}
