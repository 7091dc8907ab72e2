using Plan2.Core.MarketData;
using Plan2.Ml.Tests.Serving;
using Plan2.Ml.Training;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>
/// The tree members learn from scale-free features only: raw returns and volatility relative to price mean
/// something else on another instrument or year, so a tree must not split on them.
/// </summary>
public class FeatureMaskTests
{
    [Fact]
    public void Apply_ZeroesTheMaskedColumnsOfACopy_AndLeavesTheRest()
    {
        var x = Enumerable.Range(1, 2 * TrainingRows.Features).Select(v => (float)v).ToArray();
        var table = new TabularData(x, 2, TrainingRows.Features, [0f, 1f]);
        var masked = FeatureMask.VolatilityScaled.Apply(table);
        var names = Plan2.Core.Features.FeatureSchema.Names;
        for (var i = 0; i < 2; i++)
            for (var f = 0; f < TrainingRows.Features; f++)
                Assert.Equal(FeatureMask.VolatilityScaled.Names.Contains(names[f]) ? 0f : x[i * TrainingRows.Features + f], masked.Row(i)[f]);
        Assert.Equal(1f, table.Row(0)[0]); // the input is untouched
        Assert.Throws<ArgumentException>(() => new FeatureMask(["no_such_feature"]));
    }

    [Fact]
    public async Task ShippedTreeMembers_ScoreTheSame_WhateverTheVolatilityScaledFeaturesSay()
    {
        var (manifest, rows) = await AprilAsync(3_000);
        var table = rows.Table(100, rows.Count);
        var columns = FeatureMask.VolatilityScaled.Columns;
        // As on an instrument three times as volatile: every masked feature tripled (or moved, where it may be 0).
        var wilder = (float[])table.X.Clone();
        for (var i = 0; i < table.Rows; i++)
            foreach (var c in columns)
                wilder[i * table.Features + c] = wilder[i * table.Features + c] * 3 + 1e-3f;
        var trees = manifest.Models.Where(m => m.WindowSteps == 1).ToList();
        Assert.Equal(3, trees.Count);
        foreach (var entry in trees)
        {
            using var scorer = new OnnxScorer(entry, Repo.Models);
            var asIs = scorer.Score(table.X, table.Rows, table.Features);
            Assert.Equal(asIs, scorer.Score(wilder, table.Rows, table.Features));
            // The check can see a dependence: a scale-free feature moved the same way changes the scores.
            var moved = (float[])table.X.Clone();
            var distance = Plan2.Core.Features.FeatureSchema.Names.ToList().IndexOf("dist_ema20_atr");
            for (var i = 0; i < table.Rows; i++) moved[i * table.Features + distance] = moved[i * table.Features + distance] * 3 + 1f;
            Assert.NotEqual(asIs, scorer.Score(moved, table.Rows, table.Features));
        }
    }

    [Fact]
    public async Task ShippedSequenceMembers_ScoreTheSame_WhateverTheVolatilityScaledFeaturesSay()
    {
        // The LSTM and the Transformer scale those columns by 0: in every step of the window they reach the network as 0.
        var (manifest, rows) = await AprilAsync(1_500);
        var names = Plan2.Core.Features.FeatureSchema.Names.ToList();
        var sequences = manifest.Models.Where(m => m.WindowSteps > 1).ToList();
        Assert.Equal(["lstm", "transformer"], sequences.Select(m => m.Kind).Order());
        foreach (var entry in sequences)
        {
            var windows = rows.Windows(200, rows.Count, entry.WindowSteps, entry.InputMean!, entry.InputStd!);
            using var scorer = new OnnxScorer(entry, Repo.Models);
            var asIs = scorer.ScoreWindows(windows.X, windows.Rows, windows.Features);
            Assert.Contains(asIs, p => p is > 0.01f and < 0.99f);
            Assert.Equal(asIs, scorer.ScoreWindows(Moved(windows, FeatureMask.VolatilityScaled.Columns), windows.Rows, windows.Features));
            // The check can see a dependence: a scale-free feature moved the same way changes the scores.
            Assert.NotEqual(asIs, scorer.ScoreWindows(Moved(windows, [names.IndexOf("dist_ema20_atr")]), windows.Rows, windows.Features));
        }
    }

    /// <summary>The shipped manifest and the first bars of held-out April 2017 EURUSD as labelled rows.</summary>
    private static async Task<(ModelManifest Manifest, TrainingRows Rows)> AprilAsync(int bars)
    {
        var manifest = ModelManifest.Load(Repo.Models);
        var loaded = (await BarLoader.LoadAsync(SharedData.File("eurusd-m1-2017/DAT_ASCII_EURUSD_M1_201704.csv"), null, "EURUSD", Timeframe.M1, TimeProvider.System))["EURUSD"];
        return (manifest, new TrainingRows([LabelledSeries.Build("EURUSD", loaded.Take(bars).ToList(), manifest.HorizonBars)]));
    }

    /// <summary>The windows with the given columns, in every step, tripled and nudged (as on a wilder instrument).</summary>
    private static float[] Moved(SequenceData windows, IReadOnlyList<int> columns)
    {
        var x = (float[])windows.X.Clone();
        for (var i = 0; i < x.Length; i += windows.Features)
            foreach (var c in columns)
                x[i + c] = x[i + c] * 3 + 1e-3f;
        return x;
    }
}
