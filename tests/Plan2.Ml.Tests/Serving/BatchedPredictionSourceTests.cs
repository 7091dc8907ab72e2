using Plan2.Core.Backtesting;
using Plan2.Core.Execution;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.MarketData.Import;
using Plan2.MarketData.Replay;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Serving;

/// <summary>
/// Scoring a block of bars ahead (what the backtester does) against scoring each bar as it closes (what
/// the live PredictorGrain does), on the shipped models and real USDCHF history.
/// </summary>
public sealed class BatchedPredictionSourceTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo.Models);

    public void Dispose() => _registry.Dispose();

    private static async Task<List<Candle>> UsdChfBars(int count)
    {
        var bars = await BarLoader.LoadAsync(SharedData.File("mt-m1-2021/USDCHF_M1.csv"), ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System);
        return bars["USDCHF"].Take(count).ToList();
    }

    private static BarClose Close(Candle bar) => new(Timeframe.M1, bar, default);

    [Fact]
    public async Task PredictionsScoredInBlocks_EqualPredictionsScoredBarByBar()
    {
        var bars = await UsdChfBars(1_200);
        var perBar = new EnginePredictionSource(new PredictorEngine(_registry));
        var batched = new BatchedPredictionSource(_registry);
        var compared = 0;
        // Uneven blocks, so that windows straddle block edges at every offset.
        for (int from = 0, size = 1; from < bars.Count; from += size, size = size * 3 % 97 + 1)
        {
            var block = bars.Skip(from).Take(size).Select(Close).ToArray();
            batched.Prepare(block);
            foreach (var close in block)
            {
                var expected = perBar.OnBar(close);
                var actual = batched.OnBar(close);
                Assert.Equal(expected, actual); // exact: probability and confidence bit for bit
                compared += actual is null ? 0 : 1;
            }
        }
        Assert.Equal(1_200 - 61 - 30 + 2, compared);
        Assert.Equal(0, batched.ScoredAlone); // every score came from a batch
    }

    [Fact]
    public async Task StretchesPreparedAheadOfTheEngine_AreScoredInTheBackground_AndEqualBarByBar()
    {
        // As the backtester does: several stretches handed over while the engine runs ahead, traded only later.
        var bars = await UsdChfBars(1_500);
        var perBar = new EnginePredictionSource(new PredictorEngine(_registry));
        var batched = new BatchedPredictionSource(_registry);
        var closes = bars.Select(Close).ToArray();
        for (int from = 0, size = 7; from < closes.Length; from += size, size = size * 5 % 311 + 1)
            batched.Prepare(closes.AsSpan(from, Math.Min(size, closes.Length - from)));
        var compared = 0;
        foreach (var close in closes)
        {
            var actual = batched.OnBar(close);
            Assert.Equal(perBar.OnBar(close), actual); // exact: probability and confidence bit for bit
            compared += actual is null ? 0 : 1;
        }
        Assert.Equal(1_500 - 61 - 30 + 2, compared);
        Assert.Equal(0, batched.ScoredAlone); // every score came from a stretch scored ahead
    }

    [Fact]
    public async Task Disposed_StopsScoringAhead_AndLeavesNoneRunningOnTheRegistrysSessions()
    {
        // As a backtest that fails or is cancelled part-way: stretches handed over, none traded; the registry is disposed next.
        var closes = (await UsdChfBars(3_000)).Select(Close).ToArray();
        var batched = new BatchedPredictionSource(_registry);
        for (var from = 0; from < closes.Length; from += 300)
            batched.Prepare(closes.AsSpan(from, 300));

        batched.Dispose();

        Assert.Equal(0, batched.ScoringUnderWay);
        Assert.Throws<ObjectDisposedException>(() => batched.OnBar(closes[0]));
        Assert.Throws<ObjectDisposedException>(() => batched.Prepare(closes.AsSpan(0, 1)));
        batched.Dispose(); // twice is harmless
    }

    [Fact]
    public async Task ABarsPrediction_DoesNotDependOnTheBarsAfterIt_InTheSameBlock()
    {
        var bars = await UsdChfBars(400);
        var otherFuture = bars.Take(300).Concat(bars.Skip(300).Select(b => b with
        {
            OpenTimeMs = b.OpenTimeMs + 3_600_000, High = b.High + new Price(500_000), Close = b.High + new Price(400_000),
        })).ToList();
        var (a, b) = (new BatchedPredictionSource(_registry), new BatchedPredictionSource(_registry));
        a.Prepare(bars.Select(Close).ToArray());
        b.Prepare(otherFuture.Select(Close).ToArray());
        for (var i = 0; i < 300; i++)
            Assert.Equal(a.OnBar(Close(bars[i])), b.OnBar(Close(otherFuture[i])));
        Assert.NotEqual(a.OnBar(Close(bars[300])), b.OnBar(Close(otherFuture[300])));
        Assert.Equal(0, a.ScoredAlone + b.ScoredAlone);
    }

    [Fact]
    public async Task BarsNotPrepared_AreScoredAlone_WithTheSameResult()
    {
        var bars = await UsdChfBars(200);
        var perBar = new EnginePredictionSource(new PredictorEngine(_registry));
        var batched = new BatchedPredictionSource(_registry);
        batched.Prepare(bars.Take(150).Select(Close).ToArray());
        foreach (var bar in bars)
            Assert.Equal(perBar.OnBar(Close(bar)), batched.OnBar(Close(bar)));
        Assert.Equal(50 * _registry.Members.Count, batched.ScoredAlone);
    }

    [Fact]
    public async Task Backtest_WithBlocksScoredAhead_TradesExactlyAsBarByBar()
    {
        var bars = await UsdChfBars(5_000); // three blocks of bars (BlockBars each at four ticks a bar)
        var perBar = Run(bars, new EnginePredictionSource(new PredictorEngine(_registry)));
        var batchedSource = new BatchedPredictionSource(_registry);
        var batched = Run(bars, batchedSource);

        Assert.True(perBar.Runner.Trades.Count > 20, $"only {perBar.Runner.Trades.Count} trades: the comparison would say little");
        Assert.Equal(perBar.Runner.Trades, batched.Runner.Trades);
        Assert.Equal(perBar.Equity, batched.Equity);
        Assert.Equal(perBar.Runner.Refusals, batched.Runner.Refusals);
        Assert.Equal((perBar.Predictions, perBar.Runner.Account.Equity), (batched.Predictions, batched.Runner.Account.Equity));
        Assert.Equal(0, batchedSource.ScoredAlone);
    }

    [Fact]
    public async Task Backtest_WithAConfidenceBand_ScoresTheWeightlessMembersOnFewerBars_AndTradesExactlyAsBarByBar()
    {
        Assert.Contains(_registry.Members, m => _registry.Manifest.Ensemble.Weights.GetValueOrDefault(m.Entry.Name) == 0); // else nothing to defer
        var bars = await UsdChfBars(5_000);
        var perBar = Run(bars, new EnginePredictionSource(new PredictorEngine(_registry)));
        var thresholds = new AiStrategySettings();
        var banded = new BatchedPredictionSource(_registry, new ConfidenceBand(thresholds.ShortBelow, thresholds.LongAbove));
        var batched = Run(bars, banded);

        Assert.True(perBar.Runner.Trades.Count > 20, $"only {perBar.Runner.Trades.Count} trades: the comparison would say little");
        Assert.Equal(perBar.Runner.Trades, batched.Runner.Trades);
        Assert.Equal(perBar.Equity, batched.Equity);
        Assert.Equal(perBar.Runner.Refusals, batched.Runner.Refusals);
        Assert.Equal((perBar.Predictions, perBar.Runner.Account.Equity), (batched.Predictions, batched.Runner.Account.Equity));
        Assert.Equal(0, banded.ScoredAlone); // the bound never left out a bar the engine asked about
        Assert.InRange(banded.BarsOutsideBand, 1, batched.Predictions * 3 / 4); // the weightless members ran on some bars, not all
    }

    [Fact]
    public async Task WithAConfidenceBand_ProbabilitiesAreUnchanged_AndConfidenceIsKnownWhereverTheStrategyReadsIt()
    {
        var bars = await UsdChfBars(1_500);
        var band = new ConfidenceBand(0.47, 0.53);
        var perBar = new PredictorEngine(_registry);
        var banded = new PredictorEngine(_registry, band: band); // scored bar by bar: the engine's own deferral
        var (inside, outside) = (0, 0);
        foreach (var bar in bars)
        {
            var expected = perBar.OnBar(bar);
            var actual = banded.OnBar(bar);
            Assert.Equal(expected?.ProbabilityUp, actual?.ProbabilityUp);
            if (expected is null || actual is null) continue;
            if (band.Needs(actual.ProbabilityUp))
            {
                outside++;
                Assert.Equal(expected.Confidence, actual.Confidence);
                Assert.Equal(expected.Votes.Select(v => v.ProbabilityUp), actual.Votes.Select(v => v.ProbabilityUp));
            }
            else
            {
                inside++;
                Assert.True(double.IsNaN(actual.Confidence));
            }
        }
        Assert.True(inside > 100 && outside > 100, $"{inside} bars inside the band, {outside} outside: both sides must be exercised");
    }

    /// <summary>The CLI's backtest pipeline with its defaults: USDCHF, 0.1 lots, 1 pip spread, 3.5 commission, the AI strategy.</summary>
    private static Backtester Run(List<Candle> bars, IPredictionSource predictions)
    {
        var instrument = new Instrument
        {
            Symbol = "USDCHF", Digits = 5, TickSize = new Price(1_000), BaseCurrency = "USD", QuoteCurrency = "CHF", SwapLongPoints = -5m, SwapShortPoints = -5m,
        };
        var catalog = new InstrumentCatalog([instrument]);
        var limits = RiskLimits.Default with { ConfidenceFloor = 0.25 };
        var venue = new PaperVenue(new PaperFillSettings { CommissionPerLot = 3.5m }, catalog);
        var account = new TradingAccount("BACKTEST", "USD", 10_000m, limits);
        var settings = new StrategySettings { StrategyId = AiStrategy.Name, Symbol = "USDCHF", Timeframe = Timeframe.M1, Lots = 0.1m, HoldBars = 5, StopAtr = 2, TakeProfitAtr = 3 };
        var strategy = new AiStrategy(settings, new AiStrategySettings { ConfidenceFloor = limits.ConfidenceFloor }, instrument);
        var runner = new StrategyRunner(strategy, account, venue, catalog);
        var backtester = new Backtester(new InstrumentEngine("USDCHF", TickValidationOptions.Default, TimeProvider.System), venue, runner, predictions);
        Span<Tick> ticks = stackalloc Tick[4];
        foreach (var bar in bars)
        {
            var n = BarTicks.Synthesize(bar, new Price(10_000), ticks);
            for (var i = 0; i < n; i++)
                backtester.OnTick(ticks[i]);
        }
        backtester.Finish();
        return backtester;
    }
}
