using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Serving;

/// <summary>
/// The report's "ensemble as served" is what a predictor grain shows: the replay (<see cref="LiveReplay"/>, through
/// <see cref="Evaluator"/>) gives the live engine's probability on every bar, long after live accuracy has moved the
/// weights, for the memory the manifest names.
/// </summary>
public sealed class LiveReplayParityTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo.Models);

    public void Dispose() => _registry.Dispose();

    [Theory]
    [InlineData("short")]
    [InlineData("long")]
    public async Task TheReplay_GivesTheLiveEnginesProbability_OnEveryBar(string memory)
    {
        var shared = SharedData.File("mt-m1-2021/USDCHF_M1.csv");
        var bars = (await BarLoader.LoadAsync(shared, ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System))["USDCHF"].Take(6_000).ToList();
        _registry.Manifest.Ensemble.LiveMemory = LiveMemory.Candidates.Single(c => c.Name == memory).Memory;

        var engine = new PredictorEngine(_registry);
        var live = new Dictionary<long, double>();
        foreach (var bar in bars)
            if (engine.OnBar(bar) is { } prediction)
                live[prediction.BarTimeMs] = prediction.ProbabilityUp;
        var rows = new TrainingRows([LabelledSeries.Build("USDCHF", bars, _registry.Manifest.HorizonBars)]);
        var offline = Evaluator.Evaluate(_registry.Manifest, _registry.Folder, rows);

        var (compared, moved) = (0, 0);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!float.IsFinite(offline.ServedProbabilities[i]))
            {
                Assert.False(live.ContainsKey(rows.TimesMs[i])); // neither serves a bar some member cannot score
                continue;
            }
            Assert.Equal(live[rows.TimesMs[i]], offline.ServedProbabilities[i], 1e-6); // the replay keeps probabilities as float
            compared++;
            moved += Math.Abs(offline.ServedProbabilities[i] - offline.EnsembleProbabilities[i]) > 1e-5 ? 1 : 0;
        }
        Assert.Equal(live.Count, compared);
        // Live accuracy moved the weights on most bars, so the replay had to follow each outcome as the engine did.
        Assert.True(moved > compared / 2, $"{moved} of {compared} bars moved");
    }

    /// <summary>Two symbols' rows interleave in time; each is served by its own predictor, so each keeps its own live accuracy.</summary>
    [Fact]
    public async Task TwoSymbols_AreReplayedAsTwoPredictors_EachWithItsOwnLiveAccuracy()
    {
        _registry.Manifest.Ensemble.LiveMemory = LiveMemory.Short; // moves the weights soonest
        var series = new List<LabelledSeries>();
        var live = new Dictionary<(string, long), double>();
        foreach (var symbol in new[] { "USDCHF", "AUDUSD" })
        {
            var bars = (await BarLoader.LoadAsync(SharedData.File($"mt-m1-2021/{symbol}_M1.csv"), ImportFormat.MtBars, symbol, Timeframe.M1,
                TimeProvider.System))[symbol].Take(3_000).ToList();
            var engine = new PredictorEngine(_registry);
            foreach (var bar in bars)
                if (engine.OnBar(bar) is { } prediction)
                    live[(symbol, prediction.BarTimeMs)] = prediction.ProbabilityUp;
            series.Add(LabelledSeries.Build(symbol, bars, _registry.Manifest.HorizonBars));
        }
        var rows = new TrainingRows(series);
        var offline = Evaluator.Evaluate(_registry.Manifest, _registry.Folder, rows);

        var compared = 0;
        for (var i = 0; i < rows.Count; i++)
            if (float.IsFinite(offline.ServedProbabilities[i]))
            {
                var symbol = series[rows.Origin(i).Series].Symbol;
                Assert.Equal(live[(symbol, rows.TimesMs[i])], offline.ServedProbabilities[i], 1e-6);
                compared++;
            }
        Assert.Equal(live.Count, compared);
        // The two symbols' rows interleave (the same weeks), so one shared live accuracy would differ from two.
        Assert.True(Enumerable.Range(1, rows.Count - 1).Count(i => rows.Origin(i).Series != rows.Origin(i - 1).Series) > 1_000);
    }
}
