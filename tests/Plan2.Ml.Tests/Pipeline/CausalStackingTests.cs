using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class CausalStackingTests
{
    /// <summary>
    /// The ensemble's walk-forward score of a fold may depend only on earlier folds: rewriting the labels
    /// of fold k (and everything after it) must not change a single ensemble prediction up to fold k.
    /// Cross-fitting (weights from all other folds) fails this.
    /// </summary>
    [Fact]
    public void WeightsScoringAFold_AreFittedOnEarlierFoldsOnly()
    {
        const int n = 4_000;
        var rng = new Random(3);
        var y = new float[n];
        var members = new[] { new float[n], new float[n] };
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(2);
            members[0][i] = (float)(0.5 + (y[i] - 0.5) * 0.1 + 0.05 * (rng.NextDouble() - 0.5));
            members[1][i] = (float)rng.NextDouble();
        }
        var folds = new List<Fold> { new(1_000, 1_000, 2_000), new(2_000, 2_000, 3_000), new(3_000, 3_000, 4_000) };
        var before = CausalStacking.OutOfSample(members, y, folds, (p, l) => Stacker.Fit(p, l));

        Assert.All(before[1_000..2_000], p => Assert.True(float.IsNaN(p))); // nothing earlier to fit the first fold's weights on
        Assert.All(before[2_000..], p => Assert.True(float.IsFinite(p)));
        for (var k = 1; k < folds.Count; k++)
        {
            var changed = (float[])y.Clone();
            for (var i = folds[k].ValidationStart; i < n; i++) changed[i] = 1 - changed[i];
            var after = CausalStacking.OutOfSample(members, changed, folds, (p, l) => Stacker.Fit(p, l));
            Assert.Equal(before[..folds[k].ValidationEnd], after[..folds[k].ValidationEnd]);
        }
    }
}
