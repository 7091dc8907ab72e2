using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Core.Backtesting;
using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Trading;
using Plan2.Grains.Trading.Journal;
using Plan2.MarketData.Replay;
using Plan2.Ml.Serving;

namespace Plan2.Grains.Tests.Trading.Parity;

/// <summary>
/// Item 5's parity: the same real history (EURUSD M1, January 2017, as the replay's four ticks a bar) through the
/// live grains (instrument, predictor, prediction publisher, strategy roster, strategy, account, risk, order,
/// paper broker; simulated clock at each tick's time) and through the backtester gives the same orders and fills.
/// </summary>
[Collection(ParityCollection.Name)]
public class LiveBacktestParityTests(ParityClusterFixture fixture)
{
    private const string Symbol = "EURUSD";
    private const int Bars = 260; // ~90 to warm the models up, the rest trading
    private static readonly StrategyConfig Config = new(Lots: 1m, HoldBars: 3, StopAtr: 1.0, TakeProfitAtr: 1.5,
        LongAbove: 0.51, ShortBelow: 0.49, MinConfidence: 0.0, ConfidenceFloor: RiskLimits.Default.ConfidenceFloor);

    [Fact]
    public async Task SameHistory_LiveGrainsAndBacktester_PlaceTheSameOrders_AndGetTheSameFills()
    {
        var ticks = HistoryTicks();
        var (expected, predicted, backtestNet) = Backtest(ticks);
        Assert.True(expected.Count >= 4, $"the history should make the strategy trade; it placed {expected.Count} orders");

        Assert.Contains(expected, o => o.ReduceOnly && !IsBarClose(o.PlacedAt)); // a stop or take-profit hit between bars
        var (actual, liveNet) = await LiveAsync(ticks, predicted, expected);

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], actual[i]);
        Assert.Equal(backtestNet, liveNet);
    }

    private static (List<RecordedOrder> Orders, HashSet<long> Predicted, decimal Net) Backtest(List<Tick> ticks)
    {
        var catalog = TradingInstruments.Default;
        catalog.TryGet(Symbol, out var instrument);
        var venue = new PaperVenue(PaperFillSettings.Default, catalog); // the silo's paper broker settings: none configured
        var route = new RecordingRoute(venue);
        var account = new TradingAccount("acc-1", "USD", 100_000m, RiskLimits.Default);
        var settings = new StrategySettings
        {
            StrategyId = "ai-parity", Symbol = Symbol, Timeframe = Timeframe.M1, Lots = Config.Lots, AllowShort = Config.AllowShort,
            HoldBars = Config.HoldBars, StopAtr = Config.StopAtr, TakeProfitAtr = Config.TakeProfitAtr,
        };
        var thresholds = new AiStrategySettings
        {
            LongAbove = Config.LongAbove, ShortBelow = Config.ShortBelow, MinConfidence = Config.MinConfidence, ConfidenceFloor = Config.ConfidenceFloor,
        };
        var runner = new StrategyRunner(new AiStrategy(settings, thresholds, instrument!), account, route, catalog);
        using var registry = ModelRegistry.Load(ModelRegistry.Find(null) ?? throw new InvalidOperationException("onnx-models not found"));
        var source = new RecordingSource(new EnginePredictionSource(new PredictorEngine(registry)));
        var backtester = new Backtester(new InstrumentEngine(Symbol, TickValidationOptions.Default, TimeProvider.System), venue, runner, source);
        foreach (var tick in ticks)
            backtester.OnTick(tick);
        Assert.Empty(runner.Refusals);
        return (route.Orders.ToList(), source.PredictedBars, runner.Held());
    }

    private async Task<(List<RecordedOrder> Orders, decimal Net)> LiveAsync(List<Tick> ticks, HashSet<long> predicted, List<RecordedOrder> expected)
    {
        var grains = fixture.Cluster.GrainFactory;
        var clock = ParityClusterFixture.Clock;
        clock.SetUtcNow(ticks[0].Time);
        var tenant = "parity-" + Guid.NewGuid().ToString("n")[..8];
        await grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Parity", "alice"));
        var account = grains.GetGrain<IAccountGrain>($"{tenant}/acc-1");
        await account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 100_000m, Actor.User("alice")));
        var strategy = grains.GetGrain<IStrategyGrain>($"{tenant}/acc-1/ai-parity/{Symbol}");
        await strategy.ConfigureAsync(Config);
        await grains.GetGrain<IPredictorGrain>($"{Symbol}/M1").StartAsync();
        var instrument = grains.GetGrain<IInstrumentGrain>(Symbol);

        long? forming = null;
        for (var i = 0; i < ticks.Count; i++)
        {
            var tick = ticks[i];
            if (tick.Time > clock.GetUtcNow())
                clock.SetUtcNow(tick.Time);
            await instrument.PublishTicksAsync(new TickBatch(Symbol, i, [tick.TimeMs], [tick.Bid.ToDouble()], [tick.Ask.ToDouble()], Record: false));
            var minute = tick.TimeMs / 60_000 * 60_000;
            if (forming is { } closed && minute != closed && predicted.Contains(closed))
                await WaitForDecisionAsync(strategy, closed); // the backtester trades this bar on this very tick
            forming = minute;
            // An exit on a quote trades at that quote: let the live orders of this tick land before the next one.
            var placed = expected.Count(o => o.PlacedAt <= tick.Time);
            if (placed > 0 && expected.Any(o => o.PlacedAt == tick.Time))
                await WaitForOrdersAsync(account, placed);
        }

        var journal = fixture.Cluster.Silos.OfType<InProcessSiloHandle>().Single().SiloHost.Services.GetRequiredService<IOrderJournal>();
        var streams = (await journal.ReadAccountAsync(tenant, "acc-1")).Select(e => e.StreamId).Where(s => s != "acc-1").Distinct().ToList();
        var orders = new List<RecordedOrder>();
        foreach (var id in streams)
        {
            var o = (await grains.GetGrain<IOrderGrain>($"{tenant}/{id}").GetAsync())!;
            Assert.NotEqual(OrderState.Denied, o.State);
            orders.Add(new RecordedOrder(o.Audit[0].At, (OrderSide)o.Side, o.Request.Quantity, o.Request.ReduceOnly,
                RecordedOrder.Describe(o.Fills.Select(f => (f.At, f.Quantity, f.Price)))));
        }
        var view = (await account.GetAsync())!;
        return (orders, view.Positions.Sum(p => p.Side == TradeSide.Buy ? p.Quantity : -p.Quantity));
    }

    private static async Task WaitForDecisionAsync(IStrategyGrain strategy, long barOpenMs)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(2))
            if ((await strategy.GetAsync()).LastBarUnixMs >= barOpenMs)
                return;
        Assert.Fail($"The live strategy never decided on the bar of {DateTimeOffset.FromUnixTimeMilliseconds(barOpenMs):O}, which the backtester predicted.");
    }

    private static async Task WaitForOrdersAsync(IAccountGrain account, int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(2))
            if ((await account.GetAsync())!.OrdersPlaced >= count)
                return;
        Assert.Fail($"The live account never reached the backtester's {count} orders.");
    }

    private static bool IsBarClose(DateTimeOffset at) => at.Second == 0 && at.Millisecond == 0;

    /// <summary>The first bars of January 2017 (HistData, fixed UTC−5) as the replay's four ticks a bar with a one-pip spread.</summary>
    private static List<Tick> HistoryTicks()
    {
        var path = Path.Combine(SharedHistory.Find() ?? throw new InvalidOperationException("shared/data not found"), "eurusd-m1-2017", "DAT_ASCII_EURUSD_M1_201701.csv");
        var spread = Price.FromDecimal(0.0001m);
        var ticks = new List<Tick>(Bars * 4);
        var buffer = new Tick[4];
        foreach (var line in File.ReadLines(path).Take(Bars))
        {
            var f = line.Split(';');
            var at = DateTime.ParseExact(f[0], "yyyyMMdd HHmmss", CultureInfo.InvariantCulture).AddHours(5);
            var candle = new Candle(new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeMilliseconds(), P(f[1]), P(f[2]), P(f[3]), P(f[4]));
            var n = BarTicks.Synthesize(candle, spread, buffer);
            ticks.AddRange(buffer.Take(n));
        }
        return ticks;
    }

    private static Price P(string text) => Price.FromDecimal(decimal.Parse(text, CultureInfo.InvariantCulture));
}
