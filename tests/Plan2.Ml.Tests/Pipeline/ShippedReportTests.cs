using Plan2.Core.MarketData;
using Plan2.Ml.Tests.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>
/// The shipped report says, for every held-out file its manifest names, what the shipped models score there:
/// where the ensemble beats every member and baseline and where it falls short, and how far any stacking of
/// these members could go (the hindsight bound), each recomputed here from the files themselves.
/// </summary>
public class ShippedReportTests
{
    [Fact]
    public async Task ShippedReport_StatesEachHeldOutVerdictAndTheStackingBound_AsTheShippedModelsScore()
    {
        var manifest = ModelManifest.Load(Repo.Models);
        var report = await File.ReadAllTextAsync(Path.Combine(Repo.Models, "report.md"));
        var holdouts = new List<(string Name, Evaluation Evaluation)>();
        foreach (var recorded in manifest.Data.HeldOut)
        {
            var series = new List<LabelledSeries>();
            foreach (var (name, bars) in await BarLoader.LoadAsync(SharedData.Resolve(recorded.Path), null, null, Timeframe.M1, TimeProvider.System))
                series.Add(LabelledSeries.Build(name, bars, manifest.HorizonBars));
            var evaluation = Evaluator.Evaluate(manifest, Repo.Models, new TrainingRows(series));
            holdouts.Add((Path.GetFileName(recorded.Path), evaluation));
            Assert.Contains($"## Held out: {holdouts[^1].Name}", report);
            Assert.Contains(TrainingReport.Verdict(evaluation), report);
        }
        Assert.NotEmpty(holdouts);
        Assert.Contains(HeldOutStackingReport.Bound([.. manifest.Models.Select(m => m.Name)], holdouts), report);
    }
}
