using Plan2.Core.Backtesting;
using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Backtesting;

/// <summary>Small histories whose every fill, cost and equity figure can be worked out by hand.</summary>
public class BacktesterScenarioTests
{
    private static readonly StrategySettings Settings = new() { StrategyId = "S", Symbol = "EURUSD", Lots = 1m, HoldBars = 0, StopAtr = 0, TakeProfitAtr = 0 };

    /// <summary>Two ticks a minute from <paramref name="start"/> (at :00 and :30), bid as given, ask 2 pips above.</summary>
    private static Backtester Run(Instrument instrument, DateTimeOffset start, string[] bids, PaperFillSettings fills, params (int, Signal)[] script)
    {
        var catalog = new InstrumentCatalog([instrument]);
        var venue = new PaperVenue(fills, catalog);
        var account = new TradingAccount("ACC", "USD", 10_000m, RiskLimits.Default);
        var runner = new StrategyRunner(new ScriptedStrategy(Settings, instrument, script), account, venue, catalog);
        var engine = new InstrumentEngine("EURUSD", new TickValidationOptions(), TimeProvider.System);
        var backtester = new Backtester(engine, venue, runner, predictions: null);
        for (var i = 0; i < bids.Length; i++)
        {
            var bid = P(bids[i]);
            backtester.OnTick(new Tick(start.AddSeconds(30 * i).ToUnixTimeMilliseconds(), bid, bid + P("0.00020")));
        }
        backtester.Finish();
        return backtester;
    }

    [Fact]
    public void LongThenFlat_BuysAtTheAsk_SellsAtTheBid_AndPaysCommissionBothWays()
    {
        // ticks: 10:00:00 10:00:30 10:01:00 10:01:30 10:02:00 10:02:30 10:03:00 10:03:30 10:04:00 10:04:30
        string[] bids = ["1.09900", "1.09950", "1.09980", "1.09990", "1.10000", "1.10050", "1.10080", "1.10090", "1.10100", "1.10200"];
        // close 2 (the 10:01 bar, known at the 10:02:00 tick): long; close 4 (10:03 bar, known at 10:04:00): flat
        var run = Run(EurUsd, T0, bids, new PaperFillSettings { CommissionPerLot = 3.5m }, (2, Signal.Long), (4, Signal.Flat));

        var trade = Assert.Single(run.Runner.Trades);
        Assert.Equal((PositionSide.Long, 1m), (trade.Side, trade.Lots));
        Assert.Equal((1.10020m, 1.10100m), (trade.EntryPrice, trade.ExitPrice)); // ask at 10:02:00, bid at 10:04:00
        Assert.Equal((T0.AddMinutes(2), T0.AddMinutes(4)), (trade.OpenedAt, trade.ClosedAt));
        Assert.Equal(80.00m, trade.GrossPnl); // 1 lot × 100,000 × (1.10100 − 1.10020)
        Assert.Equal(7.00m, trade.Commission); // 3.50 per lot, in and out
        Assert.Equal(73.00m, trade.NetPnl);
        Assert.Equal(TargetReason.SignalFlat, trade.ExitReason);
        Assert.Equal(10_073.00m, run.Equity[^1].Equity);
    }

    [Fact]
    public void EquityCurve_MarksTheOpenPositionAtTheBid_EveryBar()
    {
        string[] bids = ["1.09900", "1.09950", "1.09980", "1.09990", "1.10000", "1.10050", "1.10080", "1.10090", "1.10100", "1.10200"];
        var run = Run(EurUsd, T0, bids, PaperFillSettings.Default, (2, Signal.Long), (4, Signal.Flat));

        // Bar closes at 10:01, 10:02 (the long fills after the mark), 10:03 (bid 1.10080: +60), 10:04 (marked, then closed at 1.10100: +80)
        Assert.Equal([10_000m, 10_000m, 10_060m, 10_080m, 10_080m], run.Equity.Select(p => p.Equity));
    }

    [Fact]
    public void ShortSignal_ReversesTheLong_WithACloseAndAnOpen()
    {
        string[] bids = ["1.10000", "1.10000", "1.10000", "1.10000", "1.10010", "1.10000", "1.10000", "1.10000", "1.10000", "1.10000"];
        var run = Run(EurUsd, T0, bids, PaperFillSettings.Default, (1, Signal.Long), (2, Signal.Short));

        Assert.Equal(2, run.Runner.Trades.Count); // the long closed by the reversal; the short closed at the end of data
        var (first, second) = (run.Runner.Trades[0], run.Runner.Trades[1]);
        Assert.Equal((PositionSide.Long, 1.10020m, 1.10010m, -10.00m), (first.Side, first.EntryPrice, first.ExitPrice, first.GrossPnl));
        Assert.Equal((PositionSide.Short, 1.10010m, TargetReason.EndOfData), (second.Side, second.EntryPrice, second.ExitReason));
        Assert.Equal(4, run.Runner.OrdersPlaced); // long, close, open short, final close
    }

    [Fact]
    public void HoldingOverTheRollover_PaysSwap_TripleOnWednesday()
    {
        var charged = EurUsd with { SwapLongPoints = -10m };
        var start = new DateTimeOffset(2026, 3, 4, 21, 58, 0, TimeSpan.Zero); // a Wednesday
        string[] bids = ["1.10000", "1.10000", "1.10000", "1.10000", "1.10000", "1.10000", "1.10000", "1.10000"];
        var run = Run(charged, start, bids, PaperFillSettings.Default, (1, Signal.Long), (3, Signal.Flat));

        // 1 lot × 100,000 × −10 points × 0.00001 = −10 USD a night, three nights on Wednesday
        var trade = Assert.Single(run.Runner.Trades);
        Assert.Equal(-30.00m, trade.Swap);
        Assert.Equal(10_000m - 20.00m - 30.00m, run.Equity[^1].Equity); // 2-pip spread on 1 lot is 20 USD
    }

    [Fact]
    public void RiskDenials_AreCounted_AndNothingTrades()
    {
        var catalog = new InstrumentCatalog([EurUsd]);
        var venue = new PaperVenue(PaperFillSettings.Default, catalog);
        var account = new TradingAccount("ACC", "USD", 10_000m, RiskLimits.Default with { MaxOrderLots = 0.5m });
        var runner = new StrategyRunner(new ScriptedStrategy(Settings, EurUsd, (1, Signal.Long)), account, venue, catalog);
        var run = new Backtester(new InstrumentEngine("EURUSD", new TickValidationOptions(), TimeProvider.System), venue, runner, null);
        for (var i = 0; i < 6; i++)
            run.OnTick(new Tick(T0.AddSeconds(30 * i).ToUnixTimeMilliseconds(), P("1.10000"), P("1.10020")));
        run.Finish();

        Assert.Empty(runner.Trades);
        Assert.Equal(1, runner.Refusals[nameof(RiskReason.MaxOrderSize)]);
    }
}
