using Plan2.Core.MarketData;
using Plan2.Ml.Serving;
using Plan2.Ml.Tests.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>
/// The shipped report says, for every held-out file its manifest names, what the shipped models score there:
/// where the ensemble beats every member and baseline and where it falls short, and how far any stacking of
/// these members could go (the hindsight bound), and the same verdict for the ensemble as served (live weights),
/// each recomputed here from the files themselves.
/// </summary>
public class ShippedReportTests
{
    [Fact]
    public async Task ShippedReport_StatesEachHeldOutVerdict_StackedAndAsServed_AndTheStackingBound_AsTheShippedModelsScore()
    {
        var manifest = ModelManifest.Load(Repo.Models);
        var report = await File.ReadAllTextAsync(Path.Combine(Repo.Models, "report.md"));
        var holdouts = new List<(string Name, Evaluation Evaluation)>();
        var regimes = new List<int[]>();
        foreach (var recorded in manifest.Data.HeldOut)
        {
            var series = new List<LabelledSeries>();
            foreach (var (name, bars) in await BarLoader.LoadAsync(SharedData.Resolve(recorded.Path), null, null, Timeframe.M1, TimeProvider.System))
                series.Add(LabelledSeries.Build(name, bars, manifest.HorizonBars));
            var rows = new TrainingRows(series);
            var evaluation = Evaluator.Evaluate(manifest, Repo.Models, rows);
            regimes.Add([.. Enumerable.Range(0, rows.Count).Select(i => LiveWeighting.RegimeIndex(rows.Row(i)))]);
            holdouts.Add((Path.GetFileName(recorded.Path), evaluation));
            Assert.Contains($"## Held out: {holdouts[^1].Name}", report);
            Assert.Contains(TrainingReport.Verdict(evaluation), report);
            Assert.Contains(TrainingReport.ServedVerdict(evaluation), report); // the ensemble as a predictor grain serves it
        }
        Assert.NotEmpty(holdouts);
        Assert.Contains(HeldOutStackingReport.Bound([.. manifest.Models.Select(m => m.Name)], holdouts), report);
        // The README's account of where the ensemble falls short says what weights per regime (the ADX regimes serving
        // keeps live accuracy by) could have done at best, recomputed here from the shipped files.
        var readme = Flatten(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "README.md")));
        var regimeBound = HeldOutStackingReport.RegimeBound([.. manifest.Models.Select(m => m.Name)], holdouts, regimes, LiveWeighting.RegimeNames);
        Assert.True(readme.Contains(regimeBound, StringComparison.Ordinal), $"README.md does not say: {regimeBound}");
    }

    /// <summary>The README wraps its lines: compare its text with single spaces.</summary>
    private static string Flatten(string text) => string.Join(' ', text.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries));
}
