using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The live predictor on the shipped models and real history, against the offline evaluation path.</summary>
public sealed class PredictorEngineTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo("onnx-models"));

    public void Dispose() => _registry.Dispose();

    private static string Repo(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plan2.Orleans.sln")))
                return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("repository root not found");
    }

    private static async Task<List<Candle>> UsdChfBars(int count)
    {
        var shared = Path.GetFullPath(Path.Combine(Repo(""), "..", "shared", "data", "mt-m1-2021", "USDCHF_M1.csv"));
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
        Assert.Equal(4, last.Votes.Count);
    }
}
