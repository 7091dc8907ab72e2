using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Lifecycle;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;
using Plan2.Tests.Shared;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The live predictor on the shipped models and real history, against the offline evaluation path.</summary>
public sealed class PredictorEngineTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo.Models);

    public void Dispose() => _registry.Dispose();

    private static async Task<List<Candle>> UsdChfBars(int count)
    {
        var shared = SharedData.File("mt-m1-2021/USDCHF_M1.csv");
        var bars = await BarLoader.LoadAsync(shared, ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System);
        return bars["USDCHF"].Take(count).ToList();
    }

    [Fact]
    public async Task LiveVotes_EqualTheOfflineScores_OfTheSameBars()
    {
        var bars = await UsdChfBars(600);
        var engine = new PredictorEngine(_registry);
        var live = new List<PredictionResult>();
        foreach (var bar in bars)
            if (engine.OnBar(bar) is { } prediction)
                live.Add(prediction);

        var rows = new TrainingRows([LabelledSeries.Build("USDCHF", bars, _registry.Manifest.HorizonBars)]);
        var offline = Evaluator.Evaluate(_registry.Manifest, _registry.Folder, rows);

        Assert.Equal(600 - 61 - 30 + 2, live.Count); // features from bar 61, the LSTM's 30-bar window after that
        var ensembleByTime = rows.TimesMs.Select((t, i) => (t, p: offline.EnsembleProbabilities[i])).ToDictionary(x => x.t, x => x.p);
        foreach (var prediction in live.Take(engine.Horizon)) // before the first outcome moves a weight, live equals offline exactly
            Assert.Equal(ensembleByTime[prediction.BarTimeMs], prediction.ProbabilityUp, 5);
    }

    [Fact]
    public async Task PredictionsFromCarriedReadings_EqualPredictionsFromCandlesAlone()
    {
        var bars = await UsdChfBars(400);
        var (fromCandles, fromCarried) = (new PredictorEngine(_registry), new PredictorEngine(_registry));
        var instrument = new Plan2.Core.Indicators.IndicatorSet(); // the instrument's own indicators, as a bar close carries them
        var compared = 0;
        for (var i = 0; i < bars.Count; i++)
        {
            instrument.Update(bars[i]);
            var expected = fromCandles.OnBar(bars[i]);
            var actual = fromCarried.OnBar(bars[i], instrument.Current, i + 1);
            Assert.Equal(expected?.ProbabilityUp, actual?.ProbabilityUp);
            Assert.Equal(expected?.Votes.Select(v => v.ProbabilityUp), actual?.Votes.Select(v => v.ProbabilityUp));
            compared += actual is null ? 0 : 1;
        }
        Assert.Equal(400 - 61 - 30 + 2, compared);
        Assert.False(fromCarried.BridgingIndicators);
    }

    [Fact]
    public async Task Predictions_AreScoredAgainstRealisedMoves_BesideTheBaselines()
    {
        var bars = await UsdChfBars(2_000);
        var engine = new PredictorEngine(_registry);
        PredictionResult? last = null;
        var withPatterns = 0;
        foreach (var bar in bars)
        {
            last = engine.OnBar(bar) ?? last;
            if (last is { Patterns.Count: > 0 } && last.BarTimeMs == bar.OpenTimeMs)
            {
                withPatterns++;
                Assert.All(last.Patterns, p => Assert.InRange(p.Confidence, 0.01, 0.99));
            }
        }
        Assert.InRange(withPatterns, 50, 1_000); // patterns beside predictions, with their measured reliability

        Assert.NotNull(last);
        Assert.True(last.Resolved > 500);
        Assert.All(last.Votes, v => Assert.True(v.Resolved > 0));
        Assert.InRange(last.EnsembleLiveAccuracy, 0.4, 0.6);
        Assert.Equal(["last_move", "majority"], last.BaselineLiveAccuracy.Keys.Order());
        Assert.InRange(last.Confidence, 0, 1);
        Assert.Equal(["lightgbm", "lstm", "random_forest", "transformer", "xgboost"], last.Votes.Select(v => v.Name).Order()); // every member, the Transformer included
    }
}

/// <summary>The shadow challenger: scored on the same bars, judged at checkpoints, promoted only by the policy.</summary>
public sealed class ChallengerTests : IDisposable
{
    private readonly ModelRegistry _champion = ModelRegistry.Load(Repo.Models);
    private readonly ModelRegistry _challenger = ModelRegistry.Load(Repo.Models);

    public void Dispose()
    {
        _champion.Dispose();
        _challenger.Dispose();
    }

    private static ModelRegistry CoinFlipCopy()
    {
        var folder = TestFolders.Create("plan2-coin-");
        foreach (var file in Directory.GetFiles(Repo.Models))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var manifest = ModelManifest.Load(folder);
        manifest.Ensemble.Bias = 0;
        foreach (var key in manifest.Ensemble.Weights.Keys.ToList())
            manifest.Ensemble.Weights[key] = 0;
        manifest.Save(folder);
        return ModelRegistry.Load(folder);
    }

    private static async Task<List<Candle>> Bars(int count)
    {
        var file = SharedData.File("mt-m1-2021/USDCAD_M1.csv");
        return (await BarLoader.LoadAsync(file, ImportFormat.MtBars, "USDCAD", Timeframe.M1, TimeProvider.System))["USDCAD"].Take(count).ToList();
    }

    [Fact]
    public async Task AnIdenticalChallenger_IsKeptAtEveryCheckpoint_NeverPromoted()
    {
        var engine = new PredictorEngine(_champion, new PromotionPolicy(MinResolved: 300));
        engine.UseChallenger(_challenger);
        var decisions = new List<PromotionDecision>();
        engine.Decided += (d, _, _) => decisions.Add(d);

        foreach (var bar in await Bars(1_500))
            engine.OnBar(bar);

        Assert.InRange(decisions.Count, 3, 5);
        Assert.All(decisions, d => Assert.False(d.Promote));
        Assert.Same(_champion, engine.Champion);
        Assert.Equal(0, engine.Shadow!.Evidence().MeanLossDifference, 6); // same models, same bars: no difference
    }

    private static async Task<List<Candle>> EurUsd2017(string month) =>
        (await BarLoader.LoadAsync(SharedData.File($"eurusd-m1-2017/DAT_ASCII_EURUSD_M1_2017{month}.csv"),
            ImportFormat.M1Bars, "EURUSD", Timeframe.M1, TimeProvider.System))["EURUSD"];

    [Fact]
    public async Task AChallenger_IsNeverScoredOnBarsItWasTrainedOn_OnlyFromTheEndOfItsTrainingWindow()
    {
        // The shipped models trained on EURUSD 2017-01-02 – 2017-03-31 (their manifest's training windows).
        var engine = new PredictorEngine(_champion, new PromotionPolicy(MinResolved: 100_000));
        engine.UseChallenger(_challenger);
        var march = (await EurUsd2017("03")).TakeLast(1_500).ToList();
        var april = (await EurUsd2017("04")).Take(1_000).ToList();

        foreach (var bar in march)
            engine.OnBar(bar);
        Assert.Equal(0, engine.Shadow!.TotalRecorded); // every March bar was in its training data

        foreach (var bar in april)
            engine.OnBar(bar);
        var unseenFrom = new DateTimeOffset(2017, 4, 1, 0, 5, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(); // the day after, plus 5 bars of horizon
        var scoreable = april.Count(b => b.OpenTimeMs >= unseenFrom) - engine.Horizon;
        Assert.InRange(engine.Shadow.TotalRecorded, scoreable * 8 / 10, scoreable); // ties are not scored
    }

    [Fact]
    public async Task AfterARestart_TheSameChallengersSavedEvidence_IsTakenBack_AndItsCheckpointsContinue()
    {
        var bars = await Bars(1_600);
        var before = new PredictorEngine(_champion, new PromotionPolicy(MinResolved: 500));
        before.UseChallenger(_challenger);
        foreach (var bar in bars.Take(800))
            before.OnBar(bar);
        var saved = before.Shadow!.Snapshot();
        Assert.InRange(saved.TotalRecorded, 500, 999);

        var after = new PredictorEngine(_champion, new PromotionPolicy(MinResolved: 500));
        var decisions = new List<PromotionDecision>();
        after.Decided += (d, _, _) => decisions.Add(d);
        after.UseChallenger(_challenger, resume: saved);
        foreach (var bar in bars.Skip(800))
            after.OnBar(bar);

        // The next checkpoint is the 1,000th pair, judged on all 1,000: a fresh start would judge 500 at its 500th.
        Assert.InRange(after.Shadow!.TotalRecorded, 1_000, 1_499);
        Assert.Equal(1_000, Assert.Single(decisions).Evidence.Pairs);
    }

    [Fact]
    public async Task AChallenger_IsScoredOnlyOnBarsFromWhenItWasRegistered()
    {
        var bars = await Bars(1_200);
        var engine = new PredictorEngine(_champion, new PromotionPolicy(MinResolved: 100_000));
        engine.UseChallenger(_challenger, registeredAtMs: bars[1_000].OpenTimeMs);

        foreach (var bar in bars)
            engine.OnBar(bar);

        Assert.InRange(engine.Shadow!.TotalRecorded, 150, 200 - engine.Horizon);
    }

    [Fact]
    public async Task ABetterChallenger_IsPromoted_ServesFromTheNextBar_AndTheDecisionCarriesItsEvidence()
    {
        // The champion here is the shipped models with their ensemble flattened to a coin flip; the challenger is
        // the shipped ensemble, which beats a coin flip on USDCAD (onnx-models/report.md). A lenient policy
        // (any improvement, no significance bar) keeps the test about the lifecycle's wiring.
        using var coin = CoinFlipCopy();
        var engine = new PredictorEngine(coin, new PromotionPolicy(MinResolved: 1440, MinLogLossImprovement: 0, MinStandardErrors: 0));
        engine.UseChallenger(_challenger);
        (PromotionDecision Decision, ModelRegistry From, ModelRegistry To)? promoted = null;
        engine.Decided += (d, from, to) => promoted ??= (d, from, to);

        foreach (var bar in await Bars(1_700))
            engine.OnBar(bar);

        Assert.NotNull(promoted);
        Assert.True(promoted.Value.Decision.Promote, promoted.Value.Decision.Explanation);
        Assert.Equal(1440, promoted.Value.Decision.Evidence.Pairs);
        Assert.True(promoted.Value.Decision.Evidence.MeanLossDifference < 0);
        Assert.Same(coin, promoted.Value.From);
        Assert.Same(_challenger, engine.Champion);
        Assert.Null(engine.Challenger);
        engine.UseChallenger(_challenger); // the source still offers it: a champion never shadows itself
        Assert.Null(engine.Challenger);
    }
}

internal static class Repo
{
    public static string Root { get; } = Find();
    public static string Models => Path.Combine(Root, "onnx-models");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plan2.Orleans.sln")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
