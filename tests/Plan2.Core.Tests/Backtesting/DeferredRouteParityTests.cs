using Plan2.Core.Backtesting;
using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Backtesting;

/// <summary>
/// The runner driven the way grains will drive it: the route answers nothing at once, and the venue's
/// events arrive later (before the next quote), as messages do. The trades must be the backtester's.
/// </summary>
public class DeferredRouteParityTests
{
    /// <summary>Submits and cancels reach the venue at once, but their events are held until <see cref="Deliver"/>.</summary>
    private sealed class DeferredRoute(PaperVenue venue) : IOrderRoute
    {
        public readonly List<OrderEvent> Held = [];
        public void Submit(Order order, DateTimeOffset now, List<OrderEvent> events) => venue.Submit(order, now, Held);
        public void Cancel(string orderId, DateTimeOffset now, List<OrderEvent> events) => venue.Cancel(orderId, now, Held);

        public void Deliver(StrategyRunner runner)
        {
            var held = Held.ToArray();
            Held.Clear();
            foreach (var e in held) runner.OnOrderEvent(e);
        }
    }

    private static readonly StrategySettings Settings = new() { StrategyId = "S", Symbol = "EURUSD", Lots = 1m, HoldBars = 4, StopAtr = 1.5, TakeProfitAtr = 2 };

    /// <summary>A seeded random walk, a tick a second, so stops, holding exits and reversals all happen.</summary>
    private static List<Tick> Ticks()
    {
        var random = new Random(7);
        var ticks = new List<Tick>();
        var bid = 110_000_000L;
        for (var i = 0; i < 60_000; i++)
        {
            bid += (random.Next(-3, 4)) * 1_000L;
            ticks.Add(new Tick(T0.ToUnixTimeMilliseconds() + i * 1_000L, new Price(bid), new Price(bid + 15_000)));
        }
        return ticks;
    }

    private static (StrategyRunner Runner, PaperVenue Venue) New(Func<PaperVenue, IOrderRoute> route, PaperFillSettings fills)
    {
        var catalog = new InstrumentCatalog([EurUsd]);
        var venue = new PaperVenue(fills, catalog);
        var runner = new StrategyRunner(new RsiReversionStrategy(Settings, EurUsd, oversold: 35), new TradingAccount("ACC", "USD", 10_000m, RiskLimits.Default),
            route(venue), catalog);
        return (runner, venue);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(300, 0.5)]
    public void DeferredEvents_GiveTheSameTrades_AsTheBacktester(int latencyMs, double? depth)
    {
        var fills = new PaperFillSettings { CommissionPerLot = 3.5m, Latency = TimeSpan.FromMilliseconds(latencyMs), DepthPerQuote = (decimal?)depth };
        var ticks = Ticks();

        var (syncRunner, syncVenue) = New(v => v, fills);
        var backtester = new Backtester(new InstrumentEngine("EURUSD", TickValidationOptions.Default, TimeProvider.System), syncVenue, syncRunner, null);
        foreach (var t in ticks) backtester.OnTick(t);

        DeferredRoute? deferred = null;
        var (liveRunner, liveVenue) = New(v => deferred = new DeferredRoute(v), fills);
        var engine = new InstrumentEngine("EURUSD", TickValidationOptions.Default, TimeProvider.System);
        var closes = new List<BarClose>();
        foreach (var t in ticks)
        {
            engine.Apply(t, closes); // the InstrumentGrain
            deferred!.Deliver(liveRunner); // events of the previous turn arrive
            liveVenue.OnQuote("EURUSD", t, deferred.Held); // the paper broker sees the quote
            deferred.Deliver(liveRunner);
            liveRunner.OnQuote(t); // the account grain sees it
            foreach (var c in closes) liveRunner.OnBar(c);
            closes.Clear();
        }
        deferred!.Deliver(liveRunner);

        Assert.True(syncRunner.Trades.Count > 20, $"{syncRunner.Trades.Count} trades");
        Assert.Equal(syncRunner.Trades, liveRunner.Trades);
        Assert.Equal(syncRunner.Account.Book.NetRealizedPnl, liveRunner.Account.Book.NetRealizedPnl);
        Assert.Equal(syncRunner.OrdersPlaced, liveRunner.OrdersPlaced);
    }
}
