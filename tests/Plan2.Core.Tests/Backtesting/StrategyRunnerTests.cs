using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Backtesting;

/// <summary>The runner driven by hand, event by event, as a grain would drive it.</summary>
public class StrategyRunnerTests
{
    private static readonly StrategySettings Settings = new() { StrategyId = "S", Symbol = "EURUSD", Lots = 1m, HoldBars = 0, StopAtr = 0, TakeProfitAtr = 0 };
    private readonly InstrumentCatalog _catalog = new([EurUsd]);
    private readonly List<OrderEvent> _events = [];

    private static BarClose Close(int minute) =>
        new(Timeframe.M1, new Candle(T0.AddMinutes(minute).ToUnixTimeMilliseconds(), P("1.1"), P("1.1"), P("1.1"), P("1.1")), default);

    private static Tick At(int ms, string bid, string ask) => Quote(bid, ask, T0.AddMilliseconds(ms));

    private void Show(PaperVenue venue, StrategyRunner runner, Tick quote)
    {
        venue.OnQuote("EURUSD", quote, _events);
        foreach (var e in _events) runner.OnOrderEvent(e);
        _events.Clear();
        runner.OnQuote(quote);
    }

    [Fact]
    public void LargeTarget_FillsInPartsOverQuotes_WithLatency()
    {
        var venue = new PaperVenue(new PaperFillSettings { DepthPerQuote = 0.4m, Latency = TimeSpan.FromMilliseconds(100) }, _catalog);
        var account = new TradingAccount("ACC", "USD", 10_000m, RiskLimits.Default);
        var runner = new StrategyRunner(new ScriptedStrategy(Settings, EurUsd, (1, Signal.Long)), account, venue, _catalog);
        Show(venue, runner, At(0, "1.10000", "1.10020"));

        runner.OnBar(Close(0));
        Assert.Equal(0m, account.Book.NetQuantity("EURUSD")); // on its way: 100 ms latency
        Show(venue, runner, At(50, "1.10000", "1.10020"));
        Assert.Equal(0m, account.Book.NetQuantity("EURUSD"));
        Show(venue, runner, At(100, "1.10010", "1.10030"));
        Show(venue, runner, At(150, "1.10020", "1.10040"));
        Show(venue, runner, At(200, "1.10030", "1.10050"));

        Assert.Equal(1m, account.Book.NetQuantity("EURUSD"));
        // 0.4 at 1.10030, 0.4 at 1.10040, 0.2 at 1.10050: average 1.10038
        Assert.Equal(1.10038m, Assert.Single(account.Book.Open).AveragePrice);
        Assert.Equal(1, runner.OrdersPlaced);
    }

    [Fact]
    public void NewTarget_CancelsWhatIsStillWorking_BeforeTradingTheDifference()
    {
        var venue = new PaperVenue(new PaperFillSettings { DepthPerQuote = 0.4m }, _catalog);
        var account = new TradingAccount("ACC", "USD", 10_000m, RiskLimits.Default);
        var runner = new StrategyRunner(new ScriptedStrategy(Settings, EurUsd, (1, Signal.Long), (2, Signal.Flat)), account, venue, _catalog);
        Show(venue, runner, At(0, "1.10000", "1.10020"));
        runner.OnBar(Close(0)); // buys 1 lot: 0.4 fills on this quote, 0.6 keeps working

        Assert.Equal(0.4m, account.Book.NetQuantity("EURUSD"));

        runner.OnBar(Close(1)); // flat: the 0.6 still working is canceled, the 0.4 held is sold (the bid side has its own depth)
        Show(venue, runner, At(1000, "1.10100", "1.10120"));

        Assert.Equal(0, venue.WorkingCount);
        Assert.Equal(0m, account.Book.NetQuantity("EURUSD"));
        var trade = Assert.Single(runner.Trades);
        Assert.Equal((0.4m, 1.10020m, 1.10000m), (trade.Lots, trade.EntryPrice, trade.ExitPrice));
        Assert.Equal(2, runner.OrdersPlaced);
    }

    [Fact]
    public void HedgingAccount_TwoStrategies_EachClosesOnlyItsOwnTickets()
    {
        var venue = new PaperVenue(new PaperFillSettings { CommissionPerLot = 1m }, _catalog);
        var account = new TradingAccount("ACC", "USD", 10_000m, RiskLimits.Default, AccountMode.Hedging);
        var reverser = new StrategyRunner(new ScriptedStrategy(Settings, EurUsd, (1, Signal.Long), (2, Signal.Short)), account, venue, _catalog);
        var holder = new StrategyRunner(new ScriptedStrategy(Settings with { StrategyId = "T" }, EurUsd, (1, Signal.Long)), account, venue, _catalog);
        var quote = At(0, "1.10000", "1.10020");
        venue.OnQuote("EURUSD", quote, _events);
        reverser.OnQuote(quote);
        holder.OnQuote(quote);

        reverser.OnBar(Close(0));
        holder.OnBar(Close(0));
        var later = At(60_000, "1.10050", "1.10070");
        venue.OnQuote("EURUSD", later, _events);
        reverser.OnQuote(later);
        holder.OnQuote(later);
        reverser.OnBar(Close(1)); // S reverses: closes its own ticket 1, opens a short; T's ticket 2 stays
        holder.OnBar(Close(1));

        var trade = Assert.Single(reverser.Trades);
        Assert.Equal((1L, 1.10020m, 1.10050m, 30.00m), (trade.Ticket, trade.EntryPrice, trade.ExitPrice, trade.GrossPnl));
        Assert.Empty(holder.Trades);
        Assert.Equal((-1m, 1m), (reverser.Held(), holder.Held()));
        Assert.Equal(["S", "T"], account.Book.Open.Select(p => p.StrategyId!).Order());
        Assert.Equal(0m, account.Book.NetQuantity("EURUSD")); // hedged: one short and one long
    }
}
